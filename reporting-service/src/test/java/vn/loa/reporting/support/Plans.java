package vn.loa.reporting.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** plan-issued / plan-amended data as plan-service publishes it (EVENTS.md). */
public final class Plans {

    private Plans() {
    }

    public static Map<String, Object> target(String code, String description, String indicator, Number yearly,
                                             List<? extends Number> quarterly, String channel, String unit) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("code", code);
        t.put("description", description);
        t.put("indicator", indicator);
        t.put("yearlyValue", yearly);
        if (quarterly != null) {
            t.put("quarterlyValues", quarterly);
        }
        t.put("channel", channel);
        t.put("unit", unit);
        return t;
    }

    /** A recurring target (recurrence MONTHLY or QUARTERLY). */
    public static Map<String, Object> target(String code, String description, String indicator, Number yearly,
                                             List<? extends Number> quarterly, String channel, String unit,
                                             String recurrence) {
        Map<String, Object> t = target(code, description, indicator, yearly, quarterly, channel, unit);
        t.put("recurrence", recurrence);
        return t;
    }

    public static Map<String, Object> plan(UUID planId, int version, String orgUnit, List<String> path, int year,
                                           List<Map<String, Object>> targets, List<String> channels, long budgetTotal) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("planId", planId.toString());
        p.put("version", version);
        p.put("orgUnit", orgUnit);
        p.put("orgUnitName", "Xã " + orgUnit);
        p.put("orgUnitLevel", "COMMUNE");
        p.put("orgUnitPath", path);
        p.put("year", year);
        p.put("documentNumber", "01/KH-UBND");
        p.put("issuedOn", year + "-02-10");
        p.put("issuer", "UBND xã " + orgUnit);
        p.put("title", "Kế hoạch tuyên truyền cải cách hành chính năm " + year);
        p.put("implementsPlanId", UUID.nameUUIDFromBytes("district".getBytes()).toString());
        p.put("implementsDocumentNumber", "169/KH-UBND");
        p.put("targets", targets);
        p.put("topics", List.of(Map.of("code", "a", "title", "Tầm quan trọng của CCHC")));
        p.put("channels", channels);
        p.put("units", List.of(Map.of("code", "van-hoa-thong-tin", "name", "Văn hóa – Thông tin"),
                Map.of("code", "buu-dien-xa", "name", "Bưu điện xã")));
        List<Map<String, Object>> assignments = new ArrayList<>();
        assignments.add(Map.of("unit", "van-hoa-thong-tin", "unitName", "Văn hóa – Thông tin", "role", "LEAD",
                "duties", "Tham mưu, báo cáo định kỳ 3 tháng", "reportsEveryMonths", 3));
        assignments.add(Map.of("unit", "buu-dien-xa", "unitName", "Bưu điện xã", "role", "COORDINATE",
                "duties", "Phối hợp tuyên truyền dịch vụ bưu chính công ích"));
        p.put("assignments", assignments);
        p.put("recipients", List.of(Map.of("name", "UBND huyện Đức Thọ", "purpose", "b/c")));
        p.put("budget", List.of(Map.of("source", "COMMUNE", "amountVnd", budgetTotal)));
        p.put("budgetTotalVnd", budgetTotal);
        return p;
    }
}
