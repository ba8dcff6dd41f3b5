package vn.loa.notification.reminder;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class ReminderScheduleTests {

    final ReminderSchedule schedule = new ReminderSchedule(ReminderSchedule.DEFAULT_DAYS_BEFORE);
    final LocalDate due = LocalDate.of(2022, 3, 31);

    @Test
    void remindsSevenThreeAndOneDayBefore() {
        assertThat(schedule.dueReminder(due, LocalDate.of(2022, 3, 24))).contains(7);
        assertThat(schedule.dueReminder(due, LocalDate.of(2022, 3, 28))).contains(3);
        assertThat(schedule.dueReminder(due, LocalDate.of(2022, 3, 30))).contains(1);
    }

    @Test
    void nothingBeforeTheFirstReminderNorAfterTheDueDate() {
        assertThat(schedule.dueReminder(due, LocalDate.of(2022, 3, 23))).isEmpty();
        assertThat(schedule.dueReminder(due, LocalDate.of(2022, 4, 1))).isEmpty();
    }

    @Test
    void aMissedRunSendsOnlyTheMostUrgentReminderStillRelevant() {
        // 5 days left: the 7-day reminder (still the current one); 2 days left: the 3-day one, not the 7-day one
        assertThat(schedule.dueReminder(due, LocalDate.of(2022, 3, 26))).contains(7);
        assertThat(schedule.dueReminder(due, LocalDate.of(2022, 3, 29))).contains(3);
        assertThat(schedule.dueReminder(due, LocalDate.of(2022, 3, 31))).contains(1);
    }

    @Test
    void lateFromTheDayAfterTheDueDate() {
        assertThat(ReminderSchedule.isLate(due, due)).isFalse();
        assertThat(ReminderSchedule.isLate(due, due.plusDays(1))).isTrue();
    }
}
