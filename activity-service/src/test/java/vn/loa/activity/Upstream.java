package vn.loa.activity;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;
import vn.loa.messaging.Topics;
import vn.loa.testsupport.LoaInfrastructure;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/**
 * Plays the other services: sends their events (CloudEvents envelopes, as EVENTS.md describes) to the
 * shared broker. The samples are complete, so the contract tests validate them against the producers' schemas.
 */
public final class Upstream {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static KafkaProducer<String, String> producer;

    private Upstream() {
    }

    public static final List<String> UNITS = List.of("van-hoa-thong-tin", "noi-vu", "tu-phap", "tai-chinh-ke-toan",
            "buu-dien-xa", "mttq-doan-the", "van-phong");

    public static List<String> path(String commune) {
        return List.of("ha-tinh", "duc-tho", commune);
    }

    public static Map<String, Object> planIssued(UUID planId, int version, String commune, List<String> targetCodes) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("planId", planId.toString());
        d.put("version", version);
        d.put("orgUnit", commune);
        d.put("orgUnitName", "Xã " + commune);
        d.put("orgUnitLevel", "COMMUNE");
        d.put("orgUnitPath", path(commune));
        d.put("year", 2022);
        d.put("documentNumber", "12/KH-UBND");
        d.put("issuedOn", "2022-02-10");
        d.put("issuer", "UBND xã Liên Minh");
        d.put("title", "Kế hoạch tuyên truyền cải cách hành chính năm 2022");
        d.put("implementsPlanId", UUID.randomUUID().toString());
        d.put("implementsDocumentNumber", "169/KH-UBND");
        List<Map<String, Object>> targets = new ArrayList<>();
        for (String code : targetCodes) {
            String channel = code.contains("WEB") ? "WEBSITE" : code.contains("LAW") ? "LAW_DAY" : "RADIO";
            targets.add(Map.of("code", code, "description", "Chỉ tiêu " + code, "indicator", "COUNT",
                    "yearlyValue", 12, "quarterlyValues", List.of(3, 3, 3, 3), "channel", channel,
                    "unit", "van-hoa-thong-tin"));
        }
        d.put("targets", targets);
        d.put("topics", List.of(Map.of("code", "a", "title", "Tầm quan trọng, ý nghĩa của CCHC"),
                Map.of("code", "d", "title", "Chương trình tổng thể CCHC")));
        d.put("channels", List.of("RADIO", "WEBSITE", "PANEL_POSTER", "TRAINING", "MEETING", "LAW_DAY", "POSTAL_SERVICE"));
        d.put("units", UNITS.stream().map(u -> Map.of("code", u, "name", "Đơn vị " + u)).toList());
        d.put("assignments", List.of(Map.of("unit", "van-hoa-thong-tin", "unitName", "Văn hóa – Thông tin",
                "role", "LEAD", "duties", "Hướng dẫn, đôn đốc, kiểm tra", "reportsEveryMonths", 3)));
        d.put("recipients", List.of(Map.of("name", "Phòng VHTT", "purpose", "KH")));
        d.put("budget", List.of(Map.of("source", "COMMUNE", "amountVnd", 10_000_000)));
        d.put("budgetTotalVnd", 10_000_000);
        return d;
    }

    public static Map<String, Object> planAmended(UUID planId, int version, String commune, List<String> targetCodes) {
        Map<String, Object> d = planIssued(planId, version, commune, targetCodes);
        d.put("reason", "Bổ sung chỉ tiêu");
        d.put("amendedAt", "2022-05-02T08:00:00+07:00");
        return d;
    }

    public static Map<String, Object> planClosed(UUID planId, int version, String commune) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("planId", planId.toString());
        d.put("version", version);
        d.put("orgUnit", commune);
        d.put("orgUnitPath", path(commune));
        d.put("year", 2022);
        d.put("documentNumber", "12/KH-UBND");
        d.put("closedAt", "2023-01-05T08:00:00+07:00");
        return d;
    }

    public static Map<String, Object> window(String commune, LocalDate from, LocalDate to) {
        return Map.of("orgUnit", commune, "orgUnitPath", path(commune), "from", from.toString(), "to", to.toString(),
                "dueDate", to.plusDays(5).toString());
    }

    public static Map<String, Object> quarterClosed(String period, String closedBy, OffsetDateTime closedAt,
                                                    List<Map<String, Object>> communes) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("district", "duc-tho");
        d.put("districtPath", List.of("ha-tinh", "duc-tho"));
        d.put("period", period);
        d.put("calendar", "DECREE_09");
        d.put("closedBy", closedBy);
        d.put("closedAt", iso(closedAt));
        d.put("districtDueDate", "2022-03-25");
        d.put("communes", communes);
        return d;
    }

    public static Map<String, Object> quarterReopened(String period, String reason, OffsetDateTime until,
                                                      OffsetDateTime reopenedAt, List<Map<String, Object>> communes) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("district", "duc-tho");
        d.put("period", period);
        d.put("reason", reason);
        d.put("until", iso(until));
        d.put("reopenedBy", "ductho.vhtt");
        d.put("reopenedAt", iso(reopenedAt));
        d.put("communes", communes);
        return d;
    }

    public static Map<String, Object> orgUnitRegistered(String code, String name) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("code", code);
        d.put("name", name);
        d.put("level", "COMMUNE");
        d.put("parentCode", "duc-tho");
        d.put("path", path(code));
        d.put("units", UNITS.stream().map(u -> Map.of("code", u, "name", "Đơn vị " + u)).toList());
        return d;
    }

    /** RFC 3339 (seconds always written, unlike OffsetDateTime.toString()). */
    public static String iso(OffsetDateTime t) {
        return java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
    }

    /** The whole CloudEvents envelope as the messaging library writes it. */
    public static String envelope(String type, String source, String subject, Map<String, Object> data) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("specversion", "1.0");
        e.put("id", UUID.randomUUID().toString());
        e.put("source", source);
        e.put("type", type);
        e.put("subject", subject);
        e.put("time", iso(OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.ofHours(7))));
        e.put("dataversion", 1);
        e.put("datacontenttype", "application/json");
        e.put("data", data);
        return JSON.writeValueAsString(e);
    }

    public static void sendPlan(String type, Map<String, Object> data) {
        String planId = (String) data.get("planId");
        send(Topics.PLAN_EVENTS, planId, envelope(type, "/plan-service", planId, data));
    }

    public static void sendPeriod(String type, Map<String, Object> data) {
        send(Topics.PERIOD_EVENTS, "duc-tho", envelope(type, "/reporting-service", "duc-tho/" + data.get("period"), data));
    }

    /** An org-unit event of any type (org-unit-registered, -moved, -closed, org-units-merged), keyed by its unit. */
    public static void sendOrgUnitEvent(String type, Map<String, Object> data) {
        String code = (String) data.get("code");
        send(Topics.ORG_UNIT_EVENTS, code, envelope(type, "/plan-service", code, data));
    }

    public static Map<String, Object> orgUnitRegistered(String code, String name, String level, List<String> path) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("code", code);
        d.put("name", name);
        d.put("level", level);
        d.put("parentCode", path.size() < 2 ? null : path.get(path.size() - 2));
        d.put("path", path);
        d.put("units", UNITS.stream().map(u -> Map.of("code", u, "name", "Đơn vị " + u, "kind", "OFFICE")).toList());
        d.put("abbreviation", "UBND");
        d.put("issuerName", "UBND " + name);
        return d;
    }

    /** {@code org-unit-moved} of a unit without units below it. */
    public static Map<String, Object> orgUnitMoved(String code, String name, List<String> oldPath, List<String> path) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("code", code);
        d.put("name", name);
        d.put("level", "COMMUNE");
        d.put("oldParentCode", oldPath.get(oldPath.size() - 2));
        d.put("parentCode", path.get(path.size() - 2));
        d.put("oldPath", oldPath);
        d.put("path", path);
        d.put("descendants", List.of());
        d.put("effectiveOn", "2025-07-01");
        d.put("movedBy", "operator");
        d.put("movedAt", "2025-07-01T08:00:00+07:00");
        return d;
    }

    public static Map<String, Object> orgUnitClosed(String code, String name, List<String> path, String successor,
                                                    List<String> successorPath) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("code", code);
        d.put("name", name);
        d.put("level", "COMMUNE");
        d.put("parentCode", path.get(path.size() - 2));
        d.put("path", path);
        d.put("closedOn", "2025-07-01");
        d.put("successorCode", successor);
        d.put("successorPath", successorPath);
        d.put("closedBy", "operator");
        d.put("closedAt", "2025-07-01T08:00:00+07:00");
        return d;
    }

    public static Map<String, Object> orgUnitsMerged(String code, String name, List<String> path,
                                                     List<Map<String, Object>> predecessors) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("code", code);
        d.put("name", name);
        d.put("level", "COMMUNE");
        d.put("parentCode", path.get(path.size() - 2));
        d.put("path", path);
        d.put("effectiveOn", "2025-07-01");
        d.put("predecessors", predecessors);
        d.put("mergedBy", "operator");
        d.put("mergedAt", "2025-07-01T08:00:00+07:00");
        return d;
    }

    public static void sendOrgUnit(Map<String, Object> data) {
        String code = (String) data.get("code");
        send(Topics.ORG_UNIT_EVENTS, code, envelope("org-unit-registered", "/plan-service", code, data));
    }

    public static synchronized void send(String topic, String key, String value) {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    LoaInfrastructure.kafkaBootstrapServers()), new StringSerializer(), new StringSerializer());
        }
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }
}
