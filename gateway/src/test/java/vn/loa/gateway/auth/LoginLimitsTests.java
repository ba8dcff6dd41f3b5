package vn.loa.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;

/**
 * The sign-in limits with the shipped numbers (application.yml), on one gateway instance and on two
 * behind a round-robin balancer: the limits live in each instance's memory, so this measures what a
 * second replica changes.
 */
class LoginLimitsTests {

    /** The numbers of application.yml. */
    static final AuthProperties.Login SHIPPED = new AuthProperties.Login(5, Duration.ofSeconds(30), Duration.ofMinutes(15),
            10, Duration.ofMinutes(1), 30, Duration.ofSeconds(10), 60, Duration.ofSeconds(1));

    private final ManualTime time = new ManualTime();

    @Test
    void locksOutARunOfWrongPasswordsForOneAccountFromOneAddressAndDoublesTheLockout() {
        LoginLimits limits = new LoginLimits(SHIPPED, time, time);
        for (int i = 0; i < 5; i++) {
            assertThat(limits.before("lienminh.vhtt", "10.0.0.1")).isEmpty();
            limits.failed("lienminh.vhtt", "10.0.0.1");
        }
        assertThat(limits.before("lienminh.vhtt", "10.0.0.1")).get()
                .satisfies(r -> assertThat(r.code()).isEqualTo("too-many-login-failures"))
                .satisfies(r -> assertThat(Duration.ofNanos(r.waitNanos())).isEqualTo(Duration.ofSeconds(30)));
        // The same account from its office is not punished for the guesser.
        assertThat(limits.before("lienminh.vhtt", "10.0.0.2")).isEmpty();
        time.advance(Duration.ofSeconds(31));
        limits.failed("lienminh.vhtt", "10.0.0.1");
        assertThat(limits.before("lienminh.vhtt", "10.0.0.1").map(LoginLimits.Refusal::waitNanos))
                .contains(Duration.ofSeconds(60).toNanos());
    }

    @Test
    void forgetsTheRunOnSuccess() {
        LoginLimits limits = new LoginLimits(SHIPPED, time, time);
        for (int i = 0; i < 4; i++) {
            limits.failed("LienMinh.VHTT ", "10.0.0.1");
        }
        limits.succeeded("lienminh.vhtt", "10.0.0.1");
        limits.failed("lienminh.vhtt", "10.0.0.1");
        assertThat(limits.before("lienminh.vhtt", "10.0.0.1")).isEmpty();
    }

    @Test
    void thirtyAccountsOfOneOfficeNeverWaitForEachOther() {
        LoginLimits limits = new LoginLimits(SHIPPED, time, time);
        for (int i = 1; i <= 30; i++) {
            String account = "vanphong." + i;
            if (i % 3 == 0) { // ten typos
                assertThat(limits.before(account, "203.0.113.30")).isEmpty();
                limits.failed(account, "203.0.113.30");
            }
            assertThat(limits.before(account, "203.0.113.30")).as(account).isEmpty();
            limits.succeeded(account, "203.0.113.30");
            time.advance(Duration.ofMillis(1500)); // thirty in 45 s
        }
    }

    @Test
    void measuresWhatASecondReplicaChanges() {
        List<String> rows = List.of(
                row("wrong passwords for one account from one address before it is locked out",
                        replicas -> guesses(replicas, i -> "lienminh.vhtt", i -> "198.51.100.1")),
                row("wrong passwords for one account from many addresses before it is slowed",
                        replicas -> guesses(replicas, i -> "lienminh.vhtt", i -> "192.0.2." + i)),
                row("wrong passwords over many accounts from one address before spraying is stopped",
                        replicas -> guesses(replicas, i -> "account." + i, i -> "198.51.100.2")),
                row("attempts from one address before the flood guard answers 429",
                        replicas -> attempts(replicas, "198.51.100.3")));
        System.out.println("| limit (shipped numbers, a burst) | 1 replica | 2 replicas (round-robin) |");
        System.out.println("|---|---:|---:|");
        rows.forEach(System.out::println);
        // Each instance counts alone: a second replica at most doubles what a burst gets through.
        assertThat(guesses(1, i -> "a", i -> "x")).isEqualTo(5);
        assertThat(guesses(2, i -> "a", i -> "x")).isEqualTo(10);
        assertThat(guesses(1, i -> "a", i -> "192.0.2." + i)).isEqualTo(10);
        assertThat(guesses(2, i -> "a", i -> "192.0.2." + i)).isEqualTo(20);
        assertThat(guesses(1, i -> "account." + i, i -> "x")).isEqualTo(30);
        assertThat(guesses(2, i -> "account." + i, i -> "x")).isEqualTo(60);
        assertThat(attempts(1, "x")).isEqualTo(60);
        assertThat(attempts(2, "x")).isEqualTo(120);
    }

    private String row(String what, java.util.function.IntUnaryOperator measure) {
        return "| " + what + " | " + measure.applyAsInt(1) + " | " + measure.applyAsInt(2) + " |";
    }

    /** Wrong passwords that are checked (not refused before) in a burst, spread round-robin over the replicas. */
    private int guesses(int replicas, java.util.function.IntFunction<String> account,
                        java.util.function.IntFunction<String> address) {
        List<LoginLimits> gateways = gateways(replicas);
        int checked = 0;
        for (int i = 0; i < 1_000; i++) {
            LoginLimits gateway = gateways.get(i % replicas);
            if (gateway.before(account.apply(i), address.apply(i)).isEmpty()) {
                gateway.failed(account.apply(i), address.apply(i));
                checked++;
            }
        }
        return checked;
    }

    private int attempts(int replicas, String address) {
        List<LoginLimits> gateways = gateways(replicas);
        int allowed = 0;
        for (int i = 0; i < 1_000; i++) {
            Optional<LoginLimits.Refusal> refused = gateways.get(i % replicas).before("user." + i, address);
            if (refused.isEmpty()) {
                gateways.get(i % replicas).succeeded("user." + i, address);
                allowed++;
            }
        }
        return allowed;
    }

    private List<LoginLimits> gateways(int replicas) {
        ManualTime frozen = new ManualTime();
        return java.util.stream.IntStream.range(0, replicas)
                .mapToObj(i -> new LoginLimits(SHIPPED, frozen, frozen)).toList();
    }

    /** One time for the buckets (nanoseconds) and the lockouts (a clock). */
    static final class ManualTime extends Clock implements TimeMeter {
        private long nanos = 1_000_000_000L;

        void advance(Duration duration) {
            nanos += duration.toNanos();
        }

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }

        @Override
        public Instant instant() {
            return Instant.parse("2026-12-01T00:30:00Z").plusNanos(nanos);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("Asia/Ho_Chi_Minh");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
