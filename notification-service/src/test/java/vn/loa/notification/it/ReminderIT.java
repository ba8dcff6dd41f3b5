package vn.loa.notification.it;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.loa.messaging.Topics;
import vn.loa.notification.NotificationIT;
import vn.loa.notification.reminder.ReminderJob;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.loa.notification.TestEvents.activity;
import static vn.loa.notification.TestEvents.commune;
import static vn.loa.notification.TestEvents.quarterClosed;
import static vn.loa.notification.TestEvents.report;

/** Reminders 7, 3 and 1 days before a due date, and when a report is late; each once. */
class ReminderIT extends NotificationIT {

    @Autowired
    ReminderJob reminders;
    @Autowired
    LockProvider locks;

    @Test
    void anActivityIsRemindedSevenThreeAndOneDayBeforeItsDueDateOnce() {
        String commune = unique("lien-minh");
        List<String> path = List.of("ha-tinh", "duc-tho", commune);
        UUID activityId = UUID.randomUUID();
        UUID planId = UUID.randomUUID();
        publish(Topics.ACTIVITY_EVENTS, planId.toString(), "activity-scheduled", activityId.toString(),
                activity(activityId, planId, "15/KH-UBND", commune, path, "tu-phap", List.of("noi-vu"),
                        LocalDate.of(2022, 3, 31)));
        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select count(*) from activity_deadline where activity_id = :id").param("id", activityId)
                .query(Long.class).single() == 1);

        assertThat(remindersOn(LocalDate.of(2022, 3, 23), "activity-due-soon", commune)).isZero();
        assertThat(remindersOn(LocalDate.of(2022, 3, 24), "activity-due-soon", commune)).isEqualTo(2);
        assertThat(remindersOn(LocalDate.of(2022, 3, 24), "activity-due-soon", commune)).isEqualTo(2);
        assertThat(remindersOn(LocalDate.of(2022, 3, 26), "activity-due-soon", commune)).isEqualTo(2);
        assertThat(remindersOn(LocalDate.of(2022, 3, 28), "activity-due-soon", commune)).isEqualTo(4);
        assertThat(remindersOn(LocalDate.of(2022, 3, 30), "activity-due-soon", commune)).isEqualTo(6);
        assertThat(remindersOn(LocalDate.of(2022, 3, 31), "activity-due-soon", commune)).isEqualTo(6);
        assertThat(remindersOn(LocalDate.of(2022, 4, 2), "activity-due-soon", commune)).isEqualTo(6);

        assertThat(jdbc.sql("""
                        select subject from notification where org_unit = :c and unit = 'tu-phap'
                        and event_type = 'activity-due-soon' order by created_at""")
                .param("c", commune).query(String.class).list())
                .containsExactly(
                        "Nhắc việc: \"Phát thanh chuyên mục cải cách hành chính\" đến hạn sau 7 ngày",
                        "Nhắc việc: \"Phát thanh chuyên mục cải cách hành chính\" đến hạn sau 3 ngày",
                        "Nhắc việc: \"Phát thanh chuyên mục cải cách hành chính\" đến hạn sau 1 ngày");
    }

    @Test
    void aCompletedActivityIsNotReminded() {
        String commune = unique("tung-anh");
        List<String> path = List.of("ha-tinh", "duc-tho", commune);
        UUID activityId = UUID.randomUUID();
        UUID planId = UUID.randomUUID();
        publish(Topics.ACTIVITY_EVENTS, planId.toString(), "activity-scheduled", activityId.toString(),
                activity(activityId, planId, "15/KH-UBND", commune, path, "tu-phap", List.of(),
                        LocalDate.of(2022, 3, 31)));
        var completed = activity(activityId, planId, "15/KH-UBND", commune, path, "tu-phap", List.of(),
                LocalDate.of(2022, 3, 31));
        completed.put("completedOn", "2022-03-20");
        completed.put("period", "2022-Q1");
        completed.put("quantity", 1);
        completed.put("evidence", List.of());
        completed.put("completedBy", "lienminh.vhtt");
        completed.put("completedAt", "2022-03-20T10:00:00+07:00");
        publish(Topics.ACTIVITY_EVENTS, planId.toString(), "activity-completed", activityId.toString(), completed);
        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> "COMPLETED".equals(jdbc.sql(
                "select status from activity_deadline where activity_id = :id").param("id", activityId)
                .query(String.class).optional().orElse(null)));

        assertThat(remindersOn(LocalDate.of(2022, 3, 28), "activity-due-soon", commune)).isZero();
    }

    @Test
    void aReportIsRemindedBeforeItsDueDateAndOnceWhenLateUnlessSubmitted() {
        String late = unique("yen-ho");
        String onTime = unique("an-dung");
        List<String> latePath = List.of("ha-tinh", "duc-tho", late);
        List<String> onTimePath = List.of("ha-tinh", "duc-tho", onTime);
        LocalDate due = LocalDate.of(2022, 4, 10);
        publish(Topics.PERIOD_EVENTS, "duc-tho", "quarter-closed", "duc-tho/2022-Q1",
                quarterClosed("duc-tho", List.of("ha-tinh", "duc-tho"), "2022-Q1", List.of(
                        commune(late, latePath, due), commune(onTime, onTimePath, due))));
        publish(Topics.REPORT_EVENTS, onTime, "report-submitted", "r",
                report(onTime, onTimePath, "duc-tho", "2022-Q1", due, null));
        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
                        select count(*) from report_deadline where (org_unit = :a and status = 'OPEN')
                            or (org_unit = :b and status = 'SUBMITTED')""")
                .param("a", late).param("b", onTime).query(Long.class).single() == 2);

        assertThat(remindersOn(LocalDate.of(2022, 4, 3), "report-due-soon", late)).isEqualTo(1);
        assertThat(remindersOn(LocalDate.of(2022, 4, 7), "report-due-soon", late)).isEqualTo(2);
        assertThat(remindersOn(LocalDate.of(2022, 4, 9), "report-due-soon", late)).isEqualTo(3);
        assertThat(remindersOn(LocalDate.of(2022, 4, 10), "report-late", late)).isZero();
        assertThat(remindersOn(LocalDate.of(2022, 4, 11), "report-late", late)).isEqualTo(1);
        assertThat(remindersOn(LocalDate.of(2022, 4, 12), "report-late", late)).isEqualTo(1);
        assertThat(jdbc.sql("select subject from notification where org_unit = :c and event_type = 'report-late'")
                .param("c", late).query(String.class).single()).isEqualTo("Chậm nộp báo cáo 2022-Q1");

        assertThat(count("report-due-soon", onTime) + count("report-late", onTime)).isZero();
    }

    @Test
    void theScheduledRunSkipsItsTurnWhileAnotherReplicaHoldsTheLock() {
        String commune = unique("ky-anh");
        List<String> path = List.of("ha-tinh", "ky-anh-district", commune);
        UUID activityId = UUID.randomUUID();
        UUID planId = UUID.randomUUID();
        // Due early in January: no other test's deadline is within a week of that day.
        publish(Topics.ACTIVITY_EVENTS, planId.toString(), "activity-scheduled", activityId.toString(),
                activity(activityId, planId, "15/KH-UBND", commune, path, "tu-phap", List.of(), LocalDate.of(2022, 1, 8)));
        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select count(*) from activity_deadline where activity_id = :id").param("id", activityId)
                .query(Long.class).single() == 1);
        clock.setLocalDay(LocalDate.of(2022, 1, 1));

        // Another replica runs the job now: it holds the ShedLock lock.
        Optional<SimpleLock> otherReplica = locks.lock(new LockConfiguration(Instant.now(), ReminderJob.LOCK,
                Duration.ofMinutes(5), Duration.ZERO));
        assertThat(otherReplica).isPresent();
        reminders.scheduled();
        assertThat(count("activity-due-soon", commune)).isZero();

        otherReplica.get().unlock();
        reminders.scheduled();
        assertThat(count("activity-due-soon", commune)).isEqualTo(1);
        // This run now holds the lock for its minimum (lockAtLeastFor): a replica whose timer fires next is turned away.
        assertThat(locks.lock(new LockConfiguration(Instant.now(), ReminderJob.LOCK, Duration.ofMinutes(5),
                Duration.ZERO))).isEmpty();
    }

    private long remindersOn(LocalDate day, String type, String orgUnit) {
        clock.setLocalDay(day);
        reminders.runOnce();
        return count(type, orgUnit);
    }

    private long count(String type, String orgUnit) {
        return jdbc.sql("select count(*) from notification where event_type = :t and org_unit = :o")
                .param("t", type).param("o", orgUnit).query(Long.class).single();
    }
}
