package vn.loa.gateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pushes back a run of wrong passwords for one username from one client address: after
 * {@code maxFailures} failures in a row the pair is refused for a lockout that doubles with each
 * further failure, up to a ceiling. A success clears the record.
 */
final class LoginThrottle {

    private static final int MAX_TRACKED = 100_000;

    private final AuthProperties.Login policy;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    LoginThrottle(AuthProperties.Login policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    /** How long the caller must wait before trying again, if it is locked out now. */
    Optional<Duration> lockedFor(String username, String address) {
        Failures record = failures.get(key(username, address));
        if (record == null || record.lockedUntil == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), record.lockedUntil);
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    void failed(String username, String address) {
        if (failures.size() > MAX_TRACKED) {
            prune();
        }
        Instant now = clock.instant();
        failures.compute(key(username, address), (key, previous) -> {
            int count = previous == null ? 1 : previous.count + 1;
            Instant lockedUntil = null;
            if (count >= policy.maxFailures()) {
                int doublings = Math.min(count - policy.maxFailures(), 20);
                Duration lock = policy.lockout().multipliedBy(1L << doublings);
                if (lock.compareTo(policy.maxLockout()) > 0) {
                    lock = policy.maxLockout();
                }
                lockedUntil = now.plus(lock);
            }
            return new Failures(count, now, lockedUntil);
        });
    }

    void succeeded(String username, String address) {
        failures.remove(key(username, address));
    }

    private void prune() {
        Instant forgetBefore = clock.instant().minus(policy.maxLockout());
        failures.values().removeIf(f -> f.lastFailure.isBefore(forgetBefore));
    }

    private static String key(String username, String address) {
        return username + '|' + address;
    }

    private record Failures(int count, Instant lastFailure, Instant lockedUntil) {
    }
}
