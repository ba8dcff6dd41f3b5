package vn.loa.gateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.TimeMeter;
import vn.loa.common.problem.ProblemCode;
import vn.loa.gateway.limits.KeyedBuckets;

/**
 * The limits on password sign-in, accounts first (gateway/README.md, "Sign-in limits"):
 * <ol>
 * <li>one address, any accounts: {@code addressAttempts} attempts at once, then one per
 *     {@code addressAttemptsRefill} — a flood guard sized far above an office's morning;</li>
 * <li>one account from one address: {@code maxFailures} wrong passwords in a row lock that pair out
 *     for {@code lockout}, doubling per further failure up to {@code maxLockout}; the same user
 *     elsewhere is not punished for a guesser;</li>
 * <li>one account from any address: {@code accountFailures} wrong passwords, then one per
 *     {@code accountFailuresRefill} — guessing spread over many addresses;</li>
 * <li>one address over all accounts: {@code addressFailures} wrong passwords, then one per
 *     {@code addressFailuresRefill} — password spraying. Only failures count, so thirty officers
 *     of one office signing in from one address are never slowed by each other's success.</li>
 * </ol>
 * State is this instance's memory (bounded, expiring); see the README for what a second replica changes.
 */
final class LoginLimits {

    private static final long MAX_KEYS = 200_000;
    private static final int MAX_KEY_LENGTH = 128;

    private final AuthProperties.Login policy;
    private final Clock clock;
    private final KeyedBuckets addressAttempts;
    private final KeyedBuckets accountFailures;
    private final KeyedBuckets addressFailures;
    private final Cache<String, Run> runs;

    LoginLimits(AuthProperties.Login policy, Clock clock, TimeMeter time) {
        this.policy = policy;
        this.clock = clock;
        this.addressAttempts = new KeyedBuckets(policy.addressAttempts(), policy.addressAttemptsRefill(), MAX_KEYS, time);
        this.accountFailures = new KeyedBuckets(policy.accountFailures(), policy.accountFailuresRefill(), MAX_KEYS, time);
        this.addressFailures = new KeyedBuckets(policy.addressFailures(), policy.addressFailuresRefill(), MAX_KEYS, time);
        this.runs = Caffeine.newBuilder().maximumSize(MAX_KEYS)
                .expireAfterAccess(policy.maxLockout().plus(policy.lockout()))
                .ticker(time == TimeMeter.SYSTEM_NANOTIME ? Ticker.systemTicker() : time::currentTimeNanos)
                .build();
    }

    LoginLimits(AuthProperties.Login policy, Clock clock) {
        this(policy, clock, TimeMeter.SYSTEM_NANOTIME);
    }

    /** Why this attempt is refused before the password is even checked, if it is. */
    Optional<Refusal> before(String username, String address) {
        String account = account(username);
        long wait = addressAttempts.tryConsume(address);
        if (wait > 0) {
            return Optional.of(new Refusal(ProblemCode.RATE_LIMITED, "sign-in-address", wait,
                    "Too many sign-in attempts from your address"));
        }
        Run run = runs.getIfPresent(pair(account, address));
        if (run != null && run.lockedUntil != null && clock.instant().isBefore(run.lockedUntil)) {
            return Optional.of(new Refusal(ProblemCode.TOO_MANY_LOGIN_FAILURES, "account-address",
                    Duration.between(clock.instant(), run.lockedUntil).toNanos(),
                    "Too many wrong passwords for this account from your address"));
        }
        wait = accountFailures.waitNanos(account);
        if (wait > 0) {
            return Optional.of(new Refusal(ProblemCode.TOO_MANY_LOGIN_FAILURES, "account", wait,
                    "Too many wrong passwords for this account"));
        }
        wait = addressFailures.waitNanos(address);
        if (wait > 0) {
            return Optional.of(new Refusal(ProblemCode.TOO_MANY_LOGIN_FAILURES, "address", wait,
                    "Too many failed sign-ins from your address"));
        }
        return Optional.empty();
    }

    void failed(String username, String address) {
        String account = account(username);
        accountFailures.consumeAnyway(account);
        addressFailures.consumeAnyway(address);
        Instant now = clock.instant();
        runs.asMap().compute(pair(account, address), (key, previous) -> {
            int count = previous == null ? 1 : previous.count + 1;
            Instant lockedUntil = null;
            if (count >= policy.maxFailures()) {
                int doublings = Math.min(count - policy.maxFailures(), 20);
                Duration lock = policy.lockout().multipliedBy(1L << doublings);
                lockedUntil = now.plus(lock.compareTo(policy.maxLockout()) > 0 ? policy.maxLockout() : lock);
            }
            return new Run(count, lockedUntil);
        });
    }

    void succeeded(String username, String address) {
        runs.invalidate(pair(account(username), address));
    }

    static String account(String username) {
        String account = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        return account.length() > MAX_KEY_LENGTH ? account.substring(0, MAX_KEY_LENGTH) : account;
    }

    private static String pair(String account, String address) {
        return account + '|' + address;
    }

    /**
     * @param problem   the code of the 429 ({@code rate-limited} or {@code too-many-login-failures})
     * @param variant   its detail in the problem bundles ({@code problem.<code>.<variant>})
     * @param waitNanos how long until the attempt may be made again
     * @param reason    the reason in English, for the log
     */
    record Refusal(ProblemCode problem, String variant, long waitNanos, String reason) {

        String code() {
            return problem.code();
        }
    }

    private record Run(int count, Instant lockedUntil) {
    }
}
