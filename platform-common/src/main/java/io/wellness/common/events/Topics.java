package io.wellness.common.events;

/** Kafka topic names of the event contract (see contracts/asyncapi.yaml). Records are keyed by employee id. */
public final class Topics {
    public static final String DUE = "microbreaks.due";
    public static final String DELIVERED = "microbreaks.delivered";
    public static final String OUTCOMES = "microbreaks.outcomes";
    public static final String DUE_DEAD_LETTER = "microbreaks.due.dead-letter";

    private Topics() {
    }
}
