package vn.loa.activity.lifecycle;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class OverdueTests {

    static final LocalDate DUE = LocalDate.of(2022, 3, 15);

    @Test
    void todayIsTheDateInHoChiMinhCityWhateverTheClockZone() {
        // 17:00 UTC on the 15th is already 00:00 on the 16th in Asia/Ho_Chi_Minh (UTC+7).
        Clock utc = Clock.fixed(Instant.parse("2022-03-15T17:00:00Z"), ZoneOffset.UTC);
        assertThat(Overdue.today(utc)).isEqualTo(LocalDate.of(2022, 3, 16));
    }

    @Test
    void anOpenActivityIsOverdueOnlyOnceItsDueDayHasEndedAt24h() {
        Clock lastSecondOfDueDay = Clock.fixed(Instant.parse("2022-03-15T16:59:59Z"), ZoneOffset.UTC);
        Clock midnight = Clock.fixed(Instant.parse("2022-03-15T17:00:00Z"), ZoneOffset.UTC);

        assertThat(Overdue.isOverdue(ActivityStatus.PLANNED, DUE, Overdue.today(lastSecondOfDueDay))).isFalse();
        assertThat(Overdue.isOverdue(ActivityStatus.PLANNED, DUE, Overdue.today(midnight))).isTrue();
        assertThat(Overdue.isOverdue(ActivityStatus.IN_PROGRESS, DUE, Overdue.today(midnight))).isTrue();
    }

    @Test
    void finishedActivitiesAreNeverOverdue() {
        LocalDate muchLater = LocalDate.of(2023, 1, 1);
        assertThat(Overdue.isOverdue(ActivityStatus.COMPLETED, DUE, muchLater)).isFalse();
        assertThat(Overdue.isOverdue(ActivityStatus.CANCELLED, DUE, muchLater)).isFalse();
    }
}
