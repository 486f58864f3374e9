package io.wellness.scheduler.delivery;

import io.wellness.scheduler.delivery.service.Backoff;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    @Test
    void growsExponentiallyWithJitterAndStopsAtTheMaximum() {
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.delayBeforeRetry(1)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
            assertThat(backoff.delayBeforeRetry(3)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
            assertThat(backoff.delayBeforeRetry(20)).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(30));
        }
    }

    @Test
    void spreadsRetriesOfManyDeliveries() {
        long distinct = java.util.stream.IntStream.range(0, 100).mapToObj(i -> backoff.delayBeforeRetry(4)).distinct().count();
        assertThat(distinct).isGreaterThan(50);
    }
}
