package vn.loa.activity.periodlock;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PeriodLockPolicyTests {

    static final Instant CLOSED_AT = Instant.parse("2022-03-20T02:30:00Z");

    /** Decree 09 window of 2022-Q1: 15 Dec 2021 to 14 Mar 2022. */
    static PeriodWindow q1Closed() {
        return new PeriodWindow("lien-minh", "2022-Q1", "duc-tho", LocalDate.of(2021, 12, 15), LocalDate.of(2022, 3, 14),
                "ductho.vhtt", CLOSED_AT, null, null, null, null);
    }

    static PeriodWindow reopened(Instant until) {
        PeriodWindow w = q1Closed();
        return new PeriodWindow(w.orgUnit(), w.period(), w.district(), w.from(), w.to(), w.closedBy(), w.closedAt(),
                "ductho.vhtt", Instant.parse("2022-03-25T01:00:00Z"), "Bổ sung số liệu", until);
    }

    @Test
    void aDateInsideAClosedWindowIsRefusedWithWhoWhenAndHowToReopen() {
        var refusal = PeriodLockPolicy.check(LocalDate.of(2022, 3, 14), CLOSED_AT.plusSeconds(60), List.of(q1Closed()));
        assertThat(refusal).isPresent();
        String detail = refusal.get().detail("Xã Liên Minh");
        assertThat(detail).contains("2022-Q1", "Xã Liên Minh", "ductho.vhtt", "2022-03-20 09:30 +07:00",
                "POST /api/periods/lien-minh/2022-Q1/reopen", "Phòng Văn hóa và Thông tin");
    }

    @Test
    void windowBoundsAreInclusive() {
        Instant now = CLOSED_AT.plusSeconds(60);
        assertThat(PeriodLockPolicy.check(LocalDate.of(2021, 12, 15), now, List.of(q1Closed()))).isPresent();
        assertThat(PeriodLockPolicy.check(LocalDate.of(2021, 12, 14), now, List.of(q1Closed()))).isEmpty();
        assertThat(PeriodLockPolicy.check(LocalDate.of(2022, 3, 15), now, List.of(q1Closed()))).isEmpty();
    }

    @Test
    void aReopeningLetsCompletionsThroughUntilItExpires() {
        Instant until = Instant.parse("2022-03-31T10:00:00Z");
        PeriodWindow w = reopened(until);
        LocalDate date = LocalDate.of(2022, 3, 1);
        assertThat(PeriodLockPolicy.check(date, until.minusSeconds(1), List.of(w))).isEmpty();
        var expired = PeriodLockPolicy.check(date, until, List.of(w));
        assertThat(expired).isPresent();
        assertThat(expired.get().detail("Xã Liên Minh")).contains("expired", "2022-03-31 17:00 +07:00");
    }

    @Test
    void aReopeningWithoutExpiryStaysInForce() {
        assertThat(PeriodLockPolicy.check(LocalDate.of(2022, 3, 1), Instant.parse("2030-01-01T00:00:00Z"),
                List.of(reopened(null)))).isEmpty();
    }

    @Test
    void thePeriodOfADateIsTheAnnouncedWindowElseTheCalendarQuarter() {
        List<PeriodWindow> windows = List.of(q1Closed());
        assertThat(PeriodLockPolicy.periodOf(LocalDate.of(2021, 12, 20), windows)).isEqualTo("2022-Q1");
        assertThat(PeriodLockPolicy.periodOf(LocalDate.of(2022, 3, 20), windows)).isEqualTo("2022-Q1");
        assertThat(PeriodLockPolicy.periodOf(LocalDate.of(2022, 4, 1), windows)).isEqualTo("2022-Q2");
        assertThat(PeriodLockPolicy.periodOf(LocalDate.of(2021, 12, 10), windows)).isEqualTo("2021-Q4");
    }
}
