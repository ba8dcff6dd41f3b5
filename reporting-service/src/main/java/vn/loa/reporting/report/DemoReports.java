package vn.loa.reporting.report;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.loa.reporting.orgunit.OrgUnitDirectory;
import vn.loa.reporting.period.Period;
import vn.loa.reporting.period.PeriodCalendar;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Demo data of the local stack ({@code loa.demo-data.enabled=true}): Liên Minh's 2022-Q1 report
 * submitted on time and approved, Tùng Châu's submitted late, so that the Đức Thọ dashboard shows
 * completeness and timeliness. They carry no frozen figures, so they show the live read model built
 * from the other services' demo events. Written once the org tree has arrived; never overwrites.
 */
@Component
@ConditionalOnProperty(name = "loa.demo-data.enabled", havingValue = "true")
class DemoReports {

    private static final Logger log = LoggerFactory.getLogger(DemoReports.class);

    private final JdbcClient jdbc;
    private final OrgUnitDirectory orgUnits;
    private final PeriodCalendar calendar;

    DemoReports(JdbcClient jdbc, OrgUnitDirectory orgUnits, PeriodCalendar calendar) {
        this.jdbc = jdbc;
        this.orgUnits = orgUnits;
        this.calendar = calendar;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seedWhenTheOrgTreeArrives() {
        Thread thread = new Thread(() -> {
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (System.nanoTime() < deadline) {
                if (orgUnits.find("lien-minh").isPresent() && orgUnits.find("tung-chau").isPresent()) {
                    seed();
                    return;
                }
                try {
                    Thread.sleep(2_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            log.warn("Demo reports not written: the org tree (lien-minh, tung-chau) did not arrive");
        }, "demo-reports");
        thread.setDaemon(true);
        thread.start();
    }

    private void seed() {
        Period q1 = Period.parse("2022-Q1");
        insert("lien-minh", q1, "APPROVED", "2022-04-06T09:00:00+07:00", "lienminh.vhtt", true,
                "2022-04-08T15:00:00+07:00", "ductho.vhtt",
                "Duy trì chuyên mục CCHC trên hệ thống truyền thanh cơ sở; cập nhật tin bài trên trang thông tin điện tử xã.",
                "Chưa tổ chức tập huấn cho cán bộ thôn; nguyên nhân: kinh phí chưa được cấp.",
                "Quý II tổ chức tập huấn, tuyên truyền dịch vụ công trực tuyến mức độ 3, 4 và bưu chính công ích.");
        insert("tung-chau", q1, "SUBMITTED", "2022-04-12T10:30:00+07:00", "tungchau.vhtt", false, null, null,
                "Tuyên truyền CCHC tại phiên họp thường kỳ UBND xã.", "Báo cáo nộp chậm.", "Tăng cường tuyên truyền.");
        log.info("Demo reports of 2022-Q1 written for lien-minh (approved) and tung-chau (submitted late)");
    }

    private void insert(String commune, Period period, String status, String submittedAt, String by, boolean onTime,
                        String decidedAt, String decidedBy, String results, String shortcomings, String nextSteps) {
        jdbc.sql("""
                        insert into report (id, org_unit, period, status, results, shortcomings, next_steps, due_date,
                            submitted_at, submitted_by, on_time, decided_at, decided_by, version)
                        values (:id, :org, :p, :status, :results, :shortcomings, :next, :due, :submittedAt, :by, :onTime,
                            :decidedAt, :decidedBy, 1)
                        on conflict (org_unit, period) do nothing""")
                .param("id", UUID.randomUUID()).param("org", commune).param("p", period.toString())
                .param("status", status).param("results", results).param("shortcomings", shortcomings)
                .param("next", nextSteps).param("due", calendar.dueDate(period, "COMMUNE"))
                .param("submittedAt", OffsetDateTime.parse(submittedAt)).param("by", by).param("onTime", onTime)
                .param("decidedAt", decidedAt == null ? null : OffsetDateTime.parse(decidedAt))
                .param("decidedBy", decidedBy)
                .update();
    }
}
