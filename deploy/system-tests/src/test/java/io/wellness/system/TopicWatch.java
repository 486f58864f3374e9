package io.wellness.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.wellness.infra.PlatformTopics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Reads microbreaks.due and microbreaks.outcomes from the beginning, without a consumer group (it commits nothing
 * and disturbs no service), and keeps every record by break id, so duplicates and gaps can be counted.
 */
final class TopicWatch implements AutoCloseable {

    record Due(UUID breakId, String employeeId, String team, Instant dueAt, String channelType, String channelAddress,
               int snoozeCount) {
    }

    record Outcome(UUID breakId, String employeeId, String outcome) {
    }

    private final KafkaConsumer<String, String> consumer;
    private final Thread poller;
    private final Map<UUID, List<Due>> due = new ConcurrentHashMap<>();
    private final Map<UUID, List<Outcome>> outcomes = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    TopicWatch(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(PlatformTopics.DUE, PlatformTopics.OUTCOMES)) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        poller = Thread.ofPlatform().daemon().name("topic-watch").start(this::poll);
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    JsonNode event = read(record.value());
                    if (event == null || !event.hasNonNull("breakId")) {
                        continue;
                    }
                    UUID breakId = UUID.fromString(event.path("breakId").asText());
                    if (record.topic().equals(PlatformTopics.DUE)) {
                        due.computeIfAbsent(breakId, id -> new CopyOnWriteArrayList<>()).add(new Due(breakId,
                                event.path("employeeId").asText(), event.path("team").asText(null),
                                instant(event.path("dueAt")), event.path("channel").path("type").asText(),
                                event.path("channel").path("address").asText(), event.path("snoozeCount").asInt()));
                    } else {
                        outcomes.computeIfAbsent(breakId, id -> new CopyOnWriteArrayList<>()).add(new Outcome(breakId,
                                event.path("employeeId").asText(), event.path("outcome").asText()));
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private static Instant instant(JsonNode value) {
        return value.isNumber() ? Instant.ofEpochMilli(Math.round(value.asDouble() * 1000)) : Instant.parse(value.asText());
    }

    private static JsonNode read(String value) {
        try {
            return value == null ? null : Platform.JSON.readTree(value);
        } catch (IOException e) {
            return null;
        }
    }

    Map<UUID, List<Due>> due() {
        return due;
    }

    Map<UUID, List<Outcome>> outcomes() {
        return outcomes;
    }

    List<Due> dueFor(String employeeId) {
        List<Due> found = new ArrayList<>();
        due.values().forEach(list -> list.stream().filter(d -> d.employeeId().equals(employeeId)).findFirst().ifPresent(found::add));
        return found;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
