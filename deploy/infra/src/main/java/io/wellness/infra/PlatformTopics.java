package io.wellness.infra;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The platform's Kafka topics and their partition counts, as the local stack and the tests create them.
 * Partitions bound how many scheduler and tracking replicas consume in parallel; records are keyed by employee id,
 * so one employee's events stay in order on one partition. Kubernetes declares the same in KafkaTopic resources.
 */
public final class PlatformTopics {
    public static final String DUE = "microbreaks.due";
    public static final String DELIVERED = "microbreaks.delivered";
    public static final String OUTCOMES = "microbreaks.outcomes";
    public static final String DEAD_LETTER = "microbreaks.due.dead-letter";

    private PlatformTopics() {
    }

    public static Map<String, Integer> partitions() {
        Map<String, Integer> topics = new LinkedHashMap<>();
        topics.put(DUE, 12);
        topics.put(DELIVERED, 12);
        topics.put(OUTCOMES, 12);
        topics.put(DEAD_LETTER, 3);
        return topics;
    }
}
