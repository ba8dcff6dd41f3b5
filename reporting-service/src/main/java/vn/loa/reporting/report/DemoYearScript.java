package vn.loa.reporting.report;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import vn.loa.reporting.TimeConfiguration;
import vn.loa.reporting.period.Period;
import vn.loa.reporting.period.PeriodCalendar;
import vn.loa.reporting.period.PeriodService;
import vn.loa.support.security.CurrentUser;
import vn.loa.support.security.Roles;
import vn.loa.support.web.ETags;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The demo year 2022 of a district and its seven communes, made through the service's own application services,
 * as officers would through the API: narratives written, reports submitted (numbered, signed), approved, returned
 * and resubmitted, the district's consolidated reports sent to the province, quarters closed and reopened with
 * reasons. Every step publishes its events (report-submitted …, quarter-closed …) through the outbox and writes its
 * history, so a new user sees every state with its history.
 *
 * <p>The reports are dated in 2022 (each submitted, approved or returned on a day counted from its due date, so the
 * demo is on time where it says so under either calendar). Closings and reopenings happen when the script runs: a
 * closing locks work from the moment it is made, and figures that arrived before it count in them.
 *
 * <p>Each step runs once, in one transaction with its {@code demo_step} row: a restart, or another replica, skips
 * what is done. A step that fails (a bug, or data that is not there) is logged, recorded as skipped, and the script
 * goes on.
 */
final class DemoYearScript {

    private static final Logger log = LoggerFactory.getLogger(DemoYearScript.class);
    static final int YEAR = 2022;

    /** The seven communes, in the roles the script gives them (Liên Minh first, the unit of the seed). */
    record Cast(String province, String district, String lienMinh, String tungChau, String tungAnh, String yenHo,
                String ducLang, String truongSon, String anDung) {

        static final Cast DUC_THO = new Cast("ha-tinh", "duc-tho", "lien-minh", "tung-chau", "tung-anh", "yen-ho",
                "duc-lang", "truong-son", "an-dung");

        List<String> communes() {
            return List.of(lienMinh, tungChau, tungAnh, yenHo, ducLang, truongSon, anDung);
        }
    }

    private record Step(String key, Runnable action) {
    }

    private final ReportService reports;
    private final PeriodService periods;
    private final PeriodCalendar calendar;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Cast cast;

    DemoYearScript(ReportService reports, PeriodService periods, PeriodCalendar calendar, JdbcClient jdbc,
                   TransactionTemplate tx, Clock clock, Cast cast) {
        this.reports = reports;
        this.periods = periods;
        this.calendar = calendar;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.cast = cast;
    }

    /** The key of the whole script: present once every step was done (or skipped). */
    String doneKey() {
        return "demo-year-" + YEAR + ":" + cast.district() + ":done";
    }

    boolean done() {
        return jdbc.sql("select exists (select 1 from demo_step where step = :k)").param("k", doneKey())
                .query(Boolean.class).single();
    }

    /** Runs the steps not yet done; returns how many ran now. */
    int run() {
        int ran = 0;
        for (Step step : steps()) {
            String key = "demo-year-" + YEAR + ":" + cast.district() + ":" + step.key();
            try {
                Boolean did = tx.execute(s -> {
                    if (jdbc.sql("insert into demo_step (step, done_at) values (:k, now()) on conflict do nothing")
                            .param("k", key).update() == 0) {
                        return false;
                    }
                    step.action().run();
                    return true;
                });
                ran += Boolean.TRUE.equals(did) ? 1 : 0;
            } catch (RuntimeException e) {
                log.warn("Demo year: step {} skipped: {}", key, e.getMessage());
                tx.executeWithoutResult(s -> jdbc.sql("insert into demo_step (step, done_at) values (:k, now())"
                        + " on conflict do nothing").param("k", key + ":skipped").update());
                tx.executeWithoutResult(s -> jdbc.sql("insert into demo_step (step, done_at) values (:k, now())"
                        + " on conflict do nothing").param("k", key).update());
            }
        }
        tx.executeWithoutResult(s -> jdbc.sql("insert into demo_step (step, done_at) values (:k, now()) on conflict do nothing")
                .param("k", doneKey()).update());
        log.info("Demo year {} of {}: {} steps run", YEAR, cast.district(), ran);
        return ran;
    }

    private List<Step> steps() {
        Period q1 = Period.of(YEAR, 1);
        Period h1 = Period.halfYear(YEAR);
        Period q3 = Period.of(YEAR, 3);
        Period year = Period.year(YEAR);
        CurrentUser district = new CurrentUser(officer(cast.district()), Set.of(Roles.DISTRICT_OFFICER), cast.district());
        // The province's office of home affairs (Sở Nội vụ) decides on the district's reports: an officer there.
        CurrentUser province = new CurrentUser(cast.province().replace("-", "") + ".sonoivu",
                Set.of(Roles.DISTRICT_OFFICER), cast.province());
        List<Step> s = new ArrayList<>();

        // ---- Quarter I: every state of the workflow ----------------------------------------------------------
        LocalDate dueQ1 = calendar.dueDate(q1, "COMMUNE");
        String lm = cast.lienMinh();
        s.add(narrative(lm, q1, dueQ1.minusDays(4),
                "Duy trì chuyên mục cải cách hành chính hằng tháng trên hệ thống truyền thanh cơ sở; đăng tin bài về"
                        + " dịch vụ công trực tuyến trên trang thông tin điện tử xã; lắp đặt pano tuyên truyền tại trụ sở.",
                "Chưa tổ chức được buổi hỗ trợ tra cứu tại Bưu điện xã; nguyên nhân: chưa bố trí được thời gian với"
                        + " Bưu điện huyện.",
                "Quý II tổ chức tập huấn quán triệt kế hoạch; tuyên truyền dịch vụ bưu chính công ích."));
        s.add(submit(lm, q1, dueQ1.minusDays(2), "TM", "Chủ tịch", "Phan Văn Minh"));
        s.add(approve(district, lm, q1, dueQ1.plusDays(1)));
        s.add(submit(cast.tungChau(), q1, dueQ1.plusDays(3), "KT", "Phó Chủ tịch", "Nguyễn Thị Hòa"));
        s.add(approve(district, cast.tungChau(), q1, dueQ1.plusDays(4)));
        s.add(submit(cast.yenHo(), q1, dueQ1.minusDays(1), "TM", "Chủ tịch", "Lê Văn Sơn"));
        s.add(giveBack(district, cast.yenHo(), q1, dueQ1.plusDays(1),
                "Bổ sung số lượt người nghe chuyên mục truyền thanh tháng 3."));
        s.add(new Step("resubmit:" + cast.yenHo() + ":" + q1, () -> submitNow(cast.yenHo(), q1, dueQ1.plusDays(2),
                "TM", "Chủ tịch", "Lê Văn Sơn")));
        s.add(new Step("approve-again:" + cast.yenHo() + ":" + q1, () -> decideApprove(district, cast.yenHo(), q1,
                dueQ1.plusDays(3))));
        s.add(submit(cast.ducLang(), q1, dueQ1, "Q", "Chủ tịch", "Hoàng Văn Đức"));
        s.add(giveBack(district, cast.ducLang(), q1, dueQ1.plusDays(2),
                "Số liệu dịch vụ bưu chính công ích chưa khớp sổ theo dõi của Bưu điện xã, đề nghị rà soát lại."));
        s.add(submit(cast.tungAnh(), q1, dueQ1.minusDays(3), "TM", "Chủ tịch", null));
        s.add(narrative(cast.truongSon(), q1, dueQ1.minusDays(1),
                "Đã phát chuyên mục cải cách hành chính trên loa truyền thanh các thôn.", null, null));
        // An Dũng writes nothing: its report stays a draft never opened, and counts as not received.

        // The district's consolidated report to the province, and the province's decision.
        LocalDate dueQ1District = calendar.dueDate(q1, "DISTRICT");
        s.add(narrative(cast.district(), q1, dueQ1District.minusDays(2),
                "Các xã duy trì chuyên mục cải cách hành chính trên truyền thanh cơ sở; 5/7 xã gửi báo cáo đúng hạn.",
                "Một số xã chưa tuyên truyền dịch vụ bưu chính công ích; báo cáo của xã Đức Lạng phải bổ sung số liệu.",
                "Quý II đôn đốc các xã gửi báo cáo đúng hạn; tổ chức tập huấn nghiệp vụ cho công chức văn hóa – thông tin."));
        s.add(submit(cast.district(), q1, dueQ1District.minusDays(1), "KT", "Phó Chủ tịch", "Trần Thị Lệ"));
        s.add(approve(province, cast.district(), q1, dueQ1District.plusDays(2)));

        // Closing the quarter, a reopening for one commune with its reason, the correction, closing again.
        s.add(new Step("close:" + q1, () -> periods.close(district, cast.district(), q1.toString(), null)));
        s.add(new Step("reopen:" + cast.ducLang() + ":" + q1, () -> periods.reopen(district, cast.ducLang(),
                q1.toString(), new PeriodService.ReopenRequest("Xã Đức Lạng rà soát, bổ sung số liệu dịch vụ bưu chính"
                        + " công ích quý I theo sổ theo dõi của Bưu điện xã.", null), null)));
        s.add(new Step("resubmit:" + cast.ducLang() + ":" + q1, () -> submitNow(cast.ducLang(), q1,
                dueQ1.plusDays(9), "Q", "Chủ tịch", "Hoàng Văn Đức")));
        s.add(new Step("approve-again:" + cast.ducLang() + ":" + q1, () -> decideApprove(district, cast.ducLang(), q1,
                dueQ1.plusDays(10))));
        s.add(new Step("close-again:" + q1, () -> periods.close(district, cast.district(), q1.toString(),
                ETags.of(periods.versioned(district, cast.district(), q1.toString()).version()))));

        // ---- Six months: the report that stands for the second quarter --------------------------------------
        LocalDate dueH1 = calendar.dueDate(h1, "COMMUNE");
        s.add(narrative(lm, h1, dueH1.minusDays(4),
                "Sáu tháng đầu năm duy trì 6/6 chuyên mục cải cách hành chính trên truyền thanh cơ sở; đăng tin bài"
                        + " trên trang thông tin điện tử xã; tổ chức tập huấn quán triệt kế hoạch cho cán bộ, công chức.",
                "Buổi hỗ trợ tra cứu tại Bưu điện xã quý I chưa tổ chức; tin bài trên trang thông tin điện tử còn ít.",
                "Sáu tháng cuối năm tăng tin bài về dịch vụ công trực tuyến; phối hợp Bưu điện xã tổ chức hỗ trợ"
                        + " người dân tra cứu tài liệu hằng quý."));
        s.add(submit(lm, h1, dueH1.minusDays(2), "KT", "Phó Chủ tịch", "Trần Văn Bình"));
        s.add(giveBack(district, lm, h1, dueH1.minusDays(1),
                "Bổ sung kết quả tuyên truyền dịch vụ bưu chính công ích 6 tháng và kinh phí đã sử dụng."));
        s.add(new Step("resubmit:" + lm + ":" + h1, () -> submitNow(lm, h1, dueH1, "KT", "Phó Chủ tịch",
                "Trần Văn Bình")));
        s.add(new Step("approve-again:" + lm + ":" + h1, () -> decideApprove(district, lm, h1, dueH1.plusDays(1))));
        s.add(submit(cast.tungChau(), h1, dueH1.minusDays(1), "TM", "Chủ tịch", "Võ Văn Quang"));
        s.add(approve(district, cast.tungChau(), h1, dueH1.plusDays(2)));
        s.add(submit(cast.yenHo(), h1, dueH1.plusDays(2), "TM", "Chủ tịch", "Lê Văn Sơn"));
        s.add(submit(cast.tungAnh(), h1, dueH1.minusDays(3), "TM", "Chủ tịch", null));
        // Left returned: a new user sees a report waiting for its correction, with the reason.
        s.add(giveBack(district, cast.tungAnh(), h1, dueH1.plusDays(1),
                "Báo cáo chưa nêu kết quả tuyên truyền dịch vụ công trực tuyến; đề nghị bổ sung và gửi lại."));
        LocalDate dueH1District = calendar.dueDate(h1, "DISTRICT");
        s.add(narrative(cast.district(), h1, dueH1District.minusDays(1),
                "Sáu tháng đầu năm các xã triển khai kế hoạch tuyên truyền cải cách hành chính theo Kế hoạch 169/KH-UBND.",
                "Ba xã chưa gửi báo cáo 6 tháng.", "Sáu tháng cuối năm đôn đốc các xã hoàn thành chỉ tiêu."));
        s.add(submit(cast.district(), h1, dueH1District, "KT", "Phó Chủ tịch", "Trần Thị Lệ"));
        s.add(new Step("close:" + Period.of(YEAR, 2), () -> periods.close(district, cast.district(),
                Period.of(YEAR, 2).toString(), null)));

        // ---- Quarter III and the year ---------------------------------------------------------------------
        LocalDate dueQ3 = calendar.dueDate(q3, "COMMUNE");
        s.add(submit(lm, q3, dueQ3.minusDays(1), "TM", "Chủ tịch", "Phan Văn Minh"));
        s.add(approve(district, lm, q3, dueQ3.plusDays(1)));
        s.add(new Step("close:" + q3, () -> periods.close(district, cast.district(), q3.toString(), null)));
        s.add(new Step("reopen:" + cast.district() + ":" + q3, () -> periods.reopen(district, cast.district(),
                q3.toString(), new PeriodService.ReopenRequest("Rà soát số liệu 9 tháng của các xã theo đề nghị của"
                        + " Sở Nội vụ trước khi tổng hợp báo cáo năm.", null), null)));
        LocalDate dueYear = calendar.dueDate(year, "COMMUNE");
        s.add(narrative(lm, year, dueYear.minusDays(3),
                "Năm 2022 xã Liên Minh duy trì chuyên mục cải cách hành chính trên truyền thanh cơ sở, đăng tin bài"
                        + " trên trang thông tin điện tử, lắp đặt pano, áp phích và tổ chức tập huấn theo kế hoạch.",
                "Một số chỉ tiêu tin bài chưa đạt; chuyên mục tháng 11, 12 chưa hoàn thành đúng kỳ.",
                "Năm 2023 tiếp tục tuyên truyền dịch vụ công trực tuyến và dịch vụ bưu chính công ích."));
        s.add(submit(lm, year, dueYear.minusDays(1), "TM", "Chủ tịch", "Phan Văn Minh"));
        return s;
    }

    private Step narrative(String unit, Period p, LocalDate day, String results, String shortcomings, String next) {
        return new Step("narrative:" + unit + ":" + p, () -> reports.narrativeAt(officerOf(unit), unit, p.toString(),
                new ReportService.NarrativeRequest(results, shortcomings, next), etag(unit, p), at(day, 9)));
    }

    private Step submit(String unit, Period p, LocalDate day, String form, String title, String name) {
        return new Step("submit:" + unit + ":" + p, () -> submitNow(unit, p, day, form, title, name));
    }

    private void submitNow(String unit, Period p, LocalDate day, String form, String title, String name) {
        reports.submitAt(officerOf(unit), unit, p.toString(), new ReportService.SubmitRequest(
                new ReportService.SignerRequest(form, title, name)), etag(unit, p), at(day, 10));
    }

    private Step approve(CurrentUser by, String unit, Period p, LocalDate day) {
        return new Step("approve:" + unit + ":" + p, () -> decideApprove(by, unit, p, day));
    }

    private void decideApprove(CurrentUser by, String unit, Period p, LocalDate day) {
        reports.approveAt(by, unit, p.toString(), etag(unit, p), at(day, 15));
    }

    private Step giveBack(CurrentUser by, String unit, Period p, LocalDate day, String reason) {
        return new Step("return:" + unit + ":" + p, () -> reports.returnAt(by, unit, p.toString(),
                new ReportService.ReturnRequest(reason), etag(unit, p), at(day, 14)));
    }

    private String etag(String unit, Period p) {
        return ETags.of(reports.version(unit, p.toString()));
    }

    private CurrentUser officerOf(String unit) {
        String role = unit.equals(cast.district()) ? Roles.DISTRICT_OFFICER : Roles.COMMUNE_OFFICER;
        return new CurrentUser(officer(unit), Set.of(role), unit);
    }

    /** The demo users' names: lien-minh → lienminh.vhtt, duc-tho → ductho.vhtt (gateway's demo users). */
    static String officer(String unit) {
        return unit.replace("-", "") + ".vhtt";
    }

    /** A time of a 2022 day, local, never later than now (a report is not dated in the future). */
    private OffsetDateTime at(LocalDate day, int hour) {
        OffsetDateTime t = day.atTime(LocalTime.of(hour, 0)).atZone(TimeConfiguration.ZONE).toOffsetDateTime();
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        return t.isAfter(now) ? now : t;
    }
}
