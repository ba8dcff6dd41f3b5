package vn.loa.notification;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Event data as the producers' schemas describe it (EVENTS.md), with Vietnamese text from the seed. */
public final class TestEvents {

    public static final List<Map<String, Object>> COMMUNE_UNITS = List.of(
            unit("van-hoa-thong-tin", "Văn hóa – Thông tin"), unit("noi-vu", "Nội vụ"), unit("tu-phap", "Tư pháp"),
            unit("tai-chinh-ke-toan", "Tài chính – Kế toán"), unit("buu-dien-xa", "Bưu điện xã"),
            unit("mttq-doan-the", "Ủy ban MTTQ và các tổ chức đoàn thể"), unit("van-phong", "Văn phòng UBND xã"));
    public static final List<Map<String, Object>> DISTRICT_UNITS = List.of(
            unit("phong-vhtt", "Phòng Văn hóa và Thông tin"), unit("phong-noi-vu", "Phòng Nội vụ"),
            unit("phong-tu-phap", "Phòng Tư pháp"), unit("phong-tckh", "Phòng Tài chính – Kế hoạch"),
            unit("buu-dien-huyen", "Bưu điện huyện"), unit("van-phong-hdnd-ubnd", "Văn phòng HĐND và UBND"));

    private TestEvents() {
    }

    public static Map<String, Object> unit(String code, String name) {
        return Map.of("code", code, "name", name);
    }

    public static Map<String, Object> orgUnit(String code, String name, String level, String parent, List<String> path,
                                              List<Map<String, Object>> units) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", code);
        m.put("name", name);
        m.put("level", level);
        m.put("parentCode", parent);
        m.put("path", path);
        m.put("units", units);
        return m;
    }

    public static Map<String, Object> planIssued(UUID planId, String orgUnit, List<String> path, String documentNumber) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("planId", planId.toString());
        m.put("version", 1);
        m.put("orgUnit", orgUnit);
        m.put("orgUnitName", "Xã Liên Minh");
        m.put("orgUnitLevel", "COMMUNE");
        m.put("orgUnitPath", path);
        m.put("year", 2022);
        m.put("documentNumber", documentNumber);
        m.put("issuedOn", "2022-01-24");
        m.put("issuer", "UBND xã Liên Minh");
        m.put("title", "Kế hoạch tuyên truyền cải cách hành chính năm 2022");
        m.put("targets", List.of(Map.of("code", "T1", "description", "Phát thanh về CCHC hằng tháng",
                "indicator", "COUNT", "yearlyValue", 12, "channel", "RADIO", "unit", "van-hoa-thong-tin")));
        m.put("topics", List.of(Map.of("code", "a", "title", "Chủ trương của Đảng về CCHC")));
        m.put("channels", List.of("RADIO"));
        m.put("units", COMMUNE_UNITS);
        m.put("assignments", List.of(
                Map.of("unit", "van-hoa-thong-tin", "unitName", "Văn hóa – Thông tin", "role", "LEAD",
                        "duties", "Tham mưu, tổng hợp báo cáo", "reportsEveryMonths", 3),
                Map.of("unit", "noi-vu", "unitName", "Nội vụ", "role", "COORDINATE", "duties", "Phối hợp"),
                Map.of("unit", "buu-dien-xa", "unitName", "Bưu điện xã", "role", "COORDINATE", "duties", "Phối hợp")));
        m.put("recipients", List.of(Map.of("name", "Phòng VHTT(KH)", "purpose", "KH"),
                Map.of("name", "Phòng tư pháp,Nội vụ (b/c)", "purpose", "b/c"),
                Map.of("name", "Lưu: Vp.UBND.", "purpose", "lưu")));
        m.put("budget", List.of(Map.of("source", "COMMUNE", "amountVnd", 5000000)));
        m.put("budgetTotalVnd", 5000000);
        return m;
    }

    public static Map<String, Object> activity(UUID activityId, UUID planId, String doc, String orgUnit,
                                               List<String> path, String unit, List<String> coordinating,
                                               LocalDate due) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("activityId", activityId.toString());
        m.put("planId", planId.toString());
        m.put("planDocumentNumber", doc);
        m.put("orgUnit", orgUnit);
        m.put("orgUnitPath", path);
        m.put("title", "Phát thanh chuyên mục cải cách hành chính");
        m.put("channel", "RADIO");
        m.put("topics", List.of("a"));
        m.put("targetCodes", List.of("T1"));
        m.put("unit", unit);
        m.put("coordinatingUnits", coordinating);
        m.put("dueDate", due.toString());
        m.put("scheduledBy", "lienminh.vhtt");
        m.put("scheduledAt", "2022-02-01T08:00:00+07:00");
        return m;
    }

    public static Map<String, Object> overdue(UUID activityId, UUID planId, String doc, String orgUnit,
                                              List<String> path, String unit, LocalDate due) {
        Map<String, Object> m = activity(activityId, planId, doc, orgUnit, path, unit, List.of("noi-vu"), due);
        m.remove("topics");
        m.remove("targetCodes");
        m.remove("scheduledBy");
        m.remove("scheduledAt");
        m.put("detectedAt", "2022-04-01T00:05:00+07:00");
        return m;
    }

    public static Map<String, Object> commune(String orgUnit, List<String> path, LocalDate due) {
        return Map.of("orgUnit", orgUnit, "orgUnitPath", path, "from", "2022-01-01", "to", "2022-03-31",
                "dueDate", due.toString());
    }

    public static Map<String, Object> quarterClosed(String district, List<String> districtPath, String period,
                                                    List<Map<String, Object>> communes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("district", district);
        m.put("districtPath", districtPath);
        m.put("period", period);
        m.put("calendar", "CALENDAR");
        m.put("closedBy", "ductho.vhtt");
        m.put("closedAt", "2022-04-01T08:00:00+07:00");
        m.put("districtDueDate", "2022-04-15");
        m.put("communes", communes);
        return m;
    }

    public static Map<String, Object> report(String orgUnit, List<String> path, String district, String period,
                                             LocalDate due, String reason) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reportId", UUID.randomUUID().toString());
        m.put("orgUnit", orgUnit);
        m.put("orgUnitName", "Xã Liên Minh");
        m.put("orgUnitPath", path);
        m.put("district", district);
        m.put("period", period);
        m.put("dueDate", due.toString());
        m.put("by", "lienminh.vhtt");
        m.put("at", "2022-04-08T10:00:00+07:00");
        m.put("onTime", true);
        if (reason != null) {
            m.put("reason", reason);
        }
        return m;
    }

    /** org-unit-moved: {@code code} re-parented under {@code parent}, its units below it with their new paths. */
    public static Map<String, Object> orgUnitMoved(String code, String name, String oldParent, String parent,
                                                   List<String> oldPath, List<String> path) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", code);
        m.put("name", name);
        m.put("level", "COMMUNE");
        m.put("oldParentCode", oldParent);
        m.put("parentCode", parent);
        m.put("oldPath", oldPath);
        m.put("path", path);
        m.put("descendants", List.of());
        m.put("effectiveOn", "2025-07-01");
        m.put("movedBy", "operator");
        m.put("movedAt", "2025-07-01T08:00:00+07:00");
        return m;
    }

    /** org-unit-closed, with a successor or without (null). */
    public static Map<String, Object> orgUnitClosed(String code, String name, String parent, List<String> path,
                                                    String successor, List<String> successorPath) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", code);
        m.put("name", name);
        m.put("level", "COMMUNE");
        m.put("parentCode", parent);
        m.put("path", path);
        m.put("closedOn", "2025-07-01");
        if (successor != null) {
            m.put("successorCode", successor);
            m.put("successorPath", successorPath);
        }
        m.put("closedBy", "operator");
        m.put("closedAt", "2025-07-01T08:05:00+07:00");
        return m;
    }

    /** org-units-merged: {@code code} made of the predecessors (code → path). */
    public static Map<String, Object> orgUnitsMerged(String code, String name, String parent, List<String> path,
                                                     Map<String, List<String>> predecessors) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", code);
        m.put("name", name);
        m.put("level", "COMMUNE");
        m.put("parentCode", parent);
        m.put("path", path);
        m.put("effectiveOn", "2025-07-01");
        m.put("predecessors", predecessors.entrySet().stream().map(p -> Map.of("code", p.getKey(),
                "name", "Xã " + p.getKey(), "level", "COMMUNE", "path", p.getValue(), "movedChildren", List.of())).toList());
        m.put("mergedBy", "operator");
        m.put("mergedAt", "2025-07-01T08:10:00+07:00");
        return m;
    }
}
