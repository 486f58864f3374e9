package io.wellness.scheduler.delivery.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.wellness.scheduler.metrics.PhaseTimers;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Where a delivery's time goes, one timer per phase ({@code wellness_delivery_phase_seconds{phase=...}}): cheap
 * enough to stay on in production, and what the delivery benchmark prints to explain its latency.
 */
@ApplicationScoped
public class DeliveryPhases {

    public enum Phase {
        /** Due event produced (record timestamp, set by the producer's send) to handed to the consumer by the connector. */
        KAFKA("kafka"),
        /** Handed over by the consumer to its claim starting in the partition's claim lane. */
        QUEUE("queue"),
        /** Idempotency claim: one insert of what a claim lane took into the delivery log (per statement). */
        CLAIM("claim"),
        /** Dispatched to the attempt running on its virtual thread. */
        START("start"),
        /** Waiting for the workspace's and recipient's rate limits and a free slot. */
        LANE("lane"),
        /** Rendering the chat message (Block Kit, card, JSON). */
        RENDER("render"),
        /** The HTTP call to the chat API, request written to answer read. */
        SEND("send"),
        /** Writing a batch of sent deliveries to the delivery log and inbox (per batch). */
        RECORD("record"),
        /** Handing the attempt's result to the {@code microbreaks.delivered} producer. */
        PUBLISH("publish");

        final String tag;

        Phase(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    private final PhaseTimers<Phase> timers;

    public DeliveryPhases(MeterRegistry registry) {
        timers = new PhaseTimers<>(registry, "wellness.delivery.phase", "Time a delivery spends in one phase",
                Phase.class, Phase::tag);
    }

    public void record(Phase phase, long nanos) {
        timers.record(phase, nanos);
    }

    /** Records the time since {@code startedNanos} and returns now, for the next phase. */
    public long since(Phase phase, long startedNanos) {
        return timers.since(phase, startedNanos);
    }

    public Timer timer(Phase phase) {
        return timers.timer(phase);
    }
}
