package vn.loa.reporting.support;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One activity and the activity-* event data activity-service publishes about it (EVENTS.md). */
public record Activity(UUID id, UUID planId, String orgUnit, List<String> path, String channel, List<String> targets,
                       String unit, List<String> coordinating, LocalDate due) {

    public static Activity of(UUID planId, List<String> path, String channel, List<String> targets, String unit,
                              List<String> coordinating, String due) {
        return new Activity(UUID.randomUUID(), planId, path.get(path.size() - 1), path, channel, targets, unit,
                coordinating, LocalDate.parse(due));
    }

    /** RFC 3339 with seconds, as the producers' Jackson writes it (OffsetDateTime.toString drops ":00"). */
    private static String instant(OffsetDateTime t) {
        return t.format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private Map<String, Object> common() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("activityId", id.toString());
        d.put("planId", planId.toString());
        d.put("planDocumentNumber", "01/KH-UBND");
        d.put("orgUnit", orgUnit);
        d.put("orgUnitPath", path);
        d.put("title", "Tuyên truyền CCHC trên " + channel);
        d.put("channel", channel);
        return d;
    }

    public Map<String, Object> scheduled() {
        Map<String, Object> d = common();
        d.put("topics", List.of("a"));
        d.put("targetCodes", targets);
        d.put("unit", unit);
        d.put("coordinatingUnits", coordinating);
        d.put("dueDate", due.toString());
        d.put("plannedQuantity", 1);
        d.put("scheduledBy", "lienminh.vhtt");
        d.put("scheduledAt", instant(due.minusDays(20).atTime(9, 0).atOffset(ZoneOffset.ofHours(7))));
        return d;
    }

    public Map<String, Object> completed(String on, Number quantity, Long reach, Long cost) {
        Map<String, Object> d = common();
        d.put("targetCodes", targets);
        d.put("unit", unit);
        d.put("coordinatingUnits", coordinating);
        d.put("dueDate", due.toString());
        LocalDate date = LocalDate.parse(on);
        d.put("completedOn", on);
        d.put("period", date.getYear() + "-Q" + ((date.getMonthValue() - 1) / 3 + 1));
        d.put("quantity", quantity);
        if (reach != null) {
            d.put("reach", reach);
        }
        if (cost != null) {
            d.put("costVnd", cost);
        }
        d.put("evidence", List.of(Map.of("url", "https://lienminh.hatinh.gov.vn/tin-tuc", "note", "Bài viết đã đăng")));
        d.put("completedBy", "lienminh.vhtt");
        d.put("completedAt", instant(date.atTime(16, 0).atOffset(ZoneOffset.ofHours(7))));
        return d;
    }

    public Map<String, Object> cancelled(String at) {
        Map<String, Object> d = common();
        d.put("targetCodes", targets);
        d.put("unit", unit);
        d.put("coordinatingUnits", coordinating);
        d.put("dueDate", due.toString());
        d.put("reason", "Trùng lịch họp");
        d.put("cancelledBy", "lienminh.vhtt");
        d.put("cancelledAt", instant(OffsetDateTime.parse(at + "T10:00:00+07:00")));
        return d;
    }

    public Map<String, Object> overdue() {
        Map<String, Object> d = common();
        d.put("unit", unit);
        d.put("coordinatingUnits", coordinating);
        d.put("dueDate", due.toString());
        d.put("detectedAt", instant(due.plusDays(1).atTime(0, 5).atOffset(ZoneOffset.ofHours(7))));
        return d;
    }
}
