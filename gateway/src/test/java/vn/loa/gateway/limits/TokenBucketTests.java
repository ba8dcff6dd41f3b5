package vn.loa.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTests {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void allowsABurstUpToCapacityThenAsksToWait() {
        TokenBucket bucket = new TokenBucket(3, 1, 0);
        assertThat(bucket.tryConsume(0)).isZero();
        assertThat(bucket.tryConsume(0)).isZero();
        assertThat(bucket.tryConsume(0)).isZero();
        assertThat(bucket.tryConsume(0)).isEqualTo(SECOND);
    }

    @Test
    void refillsAtTheConfiguredRate() {
        TokenBucket bucket = new TokenBucket(2, 4, 0);
        bucket.tryConsume(0);
        bucket.tryConsume(0);
        assertThat(bucket.tryConsume(SECOND / 8)).isEqualTo(SECOND / 8);
        assertThat(bucket.tryConsume(SECOND / 4)).isZero();
    }

    @Test
    void neverHoldsMoreThanItsCapacity() {
        TokenBucket bucket = new TokenBucket(2, 100, 0);
        long later = 60 * SECOND;
        assertThat(bucket.tryConsume(later)).isZero();
        assertThat(bucket.tryConsume(later)).isZero();
        assertThat(bucket.tryConsume(later)).isPositive();
    }

    @Test
    void keepsOneBucketPerKey() {
        long[] now = {0};
        RateLimiter limiter = new RateLimiter(new LimitsProperties.Bucket(true, 1, 0.5), () -> now[0]);
        assertThat(limiter.tryAcquire("lienminh.vhtt")).isZero();
        assertThat(limiter.tryAcquire("lienminh.vhtt")).isEqualTo(2 * SECOND);
        assertThat(limiter.tryAcquire("tungchau.vhtt")).isZero();
        now[0] = 2 * SECOND;
        assertThat(limiter.tryAcquire("lienminh.vhtt")).isZero();
    }
}
