package vn.loa.activity.importing;

import java.util.List;

/**
 * The columns of an import file (CSV or XLSX, the same names in the header row, any order). Only the required ones
 * must be there: an optional column may be left out of the header, and an empty cell is "not given". A column
 * this service does not know is refused, so that a misspelt optional column is not silently ignored.
 */
enum ImportColumns {

    PLAN_ID("planId", true, "UUID của kế hoạch đã ban hành / id of an issued plan"),
    TITLE("title", true, "Tên hoạt động / title"),
    CHANNEL("channel", true, "RADIO, WEBSITE, PRESS, PANEL_POSTER, TRAINING, MEETING, LAW_DAY, POSTAL_SERVICE, OTHER"),
    TOPICS("topics", false, "Mã nội dung của kế hoạch (a–f), cách nhau bởi ; / topic codes separated by ;"),
    TARGET_CODES("targetCodes", false, "Mã chỉ tiêu, cách nhau bởi ; / target codes separated by ;"),
    UNIT("unit", true, "Mã bộ phận chủ trì / code of the unit in charge"),
    COORDINATING_UNITS("coordinatingUnits", false, "Mã bộ phận phối hợp, cách nhau bởi ; / unit codes separated by ;"),
    DUE_DATE("dueDate", true, "Hạn hoàn thành YYYY-MM-DD (XLSX: ô ngày cũng được) / due date"),
    PLANNED_QUANTITY("plannedQuantity", false, "Số lượng dự kiến / planned quantity"),
    PLANNED_COST_VND("plannedCostVnd", false, "Kinh phí dự kiến (đồng) / planned cost in đồng"),
    BUDGET_SOURCE("budgetSource", false, "Nguồn kinh phí: PROVINCE, DISTRICT, COMMUNE, OTHER / budget source");

    private final String header;
    private final boolean required;
    private final String description;

    ImportColumns(String header, boolean required, String description) {
        this.header = header;
        this.required = required;
        this.description = description;
    }

    String header() {
        return header;
    }

    boolean required() {
        return required;
    }

    String description() {
        return description;
    }

    static List<String> headers() {
        return java.util.Arrays.stream(values()).map(ImportColumns::header).toList();
    }

    static List<String> requiredHeaders() {
        return java.util.Arrays.stream(values()).filter(ImportColumns::required).map(ImportColumns::header).toList();
    }
}
