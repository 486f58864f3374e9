package io.wellness.scheduler.timing;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class AcceleratedClockTest {

    /** A base clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-03-29T00:30:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void runsSpeedTimesFasterFromTheRealStart() {
        ManualClock real = new ManualClock();
        AcceleratedClock clock = new AcceleratedClock(real, 60);
        Instant start = clock.instant();
        real.now = real.now.plusSeconds(45);
        assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofMinutes(45));
    }

    @Test
    void aChosenStartIsWhereTheAcceleratedTimeLineBegins() {
        ManualClock real = new ManualClock();
        Instant start = Instant.parse("2026-06-10T05:00:00Z");
        AcceleratedClock clock = new AcceleratedClock(real, 120, start);
        assertThat(clock.instant()).isEqualTo(start);
        real.now = real.now.plusSeconds(30);
        assertThat(clock.instant()).isEqualTo(start.plus(Duration.ofHours(1)));
        assertThat(clock.withZone(ZoneId.of("Europe/Berlin")).instant()).isEqualTo(start.plus(Duration.ofHours(1)));
    }

    @Test
    void anotherZoneSeesTheSameAcceleratedInstant() {
        ManualClock real = new ManualClock();
        AcceleratedClock clock = new AcceleratedClock(real, 60);
        Clock berlin = clock.withZone(ZoneId.of("Europe/Berlin"));
        real.now = real.now.plusSeconds(60);
        assertThat(berlin.getZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(berlin.instant()).isEqualTo(clock.instant());
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(clock.withZone(ZoneOffset.UTC)).isSameAs(clock);
    }
}
