package io.wellness.gateway.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenBucketsTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void allowsTheBurstThenAsksToWaitUntilATokenIsBack() {
        TokenBuckets buckets = new TokenBuckets(3, 0.5);
        assertThat(buckets.tryTake("10.0.0.1", 0)).isZero();
        assertThat(buckets.tryTake("10.0.0.1", 0)).isZero();
        assertThat(buckets.tryTake("10.0.0.1", 0)).isZero();
        assertThat(buckets.tryTake("10.0.0.1", 0)).isEqualTo(2);       // one token every 2 s
        assertThat(buckets.tryTake("10.0.0.2", 0)).isZero();          // buckets are per key
        assertThat(buckets.tryTake("10.0.0.1", SECOND)).isEqualTo(1);
        assertThat(buckets.tryTake("10.0.0.1", 2 * SECOND)).isZero();
    }

    @Test
    void neverHoldsMoreThanItsCapacity() {
        TokenBuckets buckets = new TokenBuckets(2, 100);
        buckets.tryTake("k", 0);
        long later = 3600 * SECOND;
        assertThat(buckets.tryTake("k", later)).isZero();
        assertThat(buckets.tryTake("k", later)).isZero();
        assertThat(buckets.tryTake("k", later)).isEqualTo(1);
    }

    @Test
    void forgetsIdleBuckets() {
        TokenBuckets buckets = new TokenBuckets(2, 1);
        buckets.tryTake("a", 0);
        buckets.tryTake("b", 5 * SECOND);
        buckets.evictIdle(10 * SECOND, 7 * SECOND);
        assertThat(buckets.size()).isEqualTo(1);
    }

    @Test
    void refusesNonsenseLimits() {
        assertThatThrownBy(() -> new TokenBuckets(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBuckets(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
