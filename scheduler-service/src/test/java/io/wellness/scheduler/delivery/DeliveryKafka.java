package io.wellness.scheduler.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.wellness.common.events.BreakDueEvent;
import io.wellness.common.events.CloudEvents;
import io.wellness.common.events.Topics;
import io.wellness.infra.quarkus.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** Real Kafka from the tests' side: produce due events as the scheduler does, read what delivery published. */
public final class DeliveryKafka {
    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static KafkaProducer<String, String> producer;

    private DeliveryKafka() {
    }

    public static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of("bootstrap.servers", TestInfrastructure.kafkaBootstrapServers(),
                    "linger.ms", 5, "acks", "all"), new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    public static BreakDueEvent dueEvent(String employeeId, String channelType, String address) {
        Instant dueAt = Instant.now();
        List<BreakDueEvent.PlannedExercise> exercises = List.of(
                new BreakDueEvent.PlannedExercise("neck-roll", "Neck roll", 60, "Loosen the neck",
                        List.of("Sit tall", "Roll your head slowly in a circle"), "5 circles each way",
                        List.of("Stop if you feel dizziness.")),
                new BreakDueEvent.PlannedExercise("wrist-stretch", "Wrist stretch", 45, "Stretch the forearms",
                        List.of("Extend one arm", "Pull the fingers back gently"), "20 s each side", List.of()));
        return new BreakDueEvent(UUID.randomUUID(), employeeId, "engineering", dueAt, "Europe/Berlin", "en",
                new BreakDueEvent.Channel(channelType, address),
                new BreakDueEvent.Plan(42, "test-1", 105, exercises), 0);
    }

    public static void produce(BreakDueEvent event) {
        try {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.DUE, event.employeeId(), JSON.writeValueAsString(event));
            CloudEvents.headers(event.breakId() + "-" + event.snoozeCount(), "/wellness/scheduler-service", CloudEvents.TYPE_DUE,
                    event.breakId().toString(), Instant.now(), null).forEach(header -> record.headers().add(header));
            producer().send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void produceRaw(String key, String value) {
        try {
            producer().send(new ProducerRecord<>(Topics.DUE, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A reader positioned at the current end of a topic: it sees only what is published from now on. */
    public static final class Reader implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

        public Reader(String topic) {
            consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", TestInfrastructure.kafkaBootstrapServers(),
                    "enable.auto.commit", "false"), new StringDeserializer(), new StringDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        }

        /** Polls until {@code count} matching records arrived or the time is up; returns the matching ones. */
        public List<ConsumerRecord<String, String>> await(Predicate<ConsumerRecord<String, String>> filter, int count, Duration within) {
            long deadline = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < deadline && matching(filter).size() < count) {
                consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
            }
            return matching(filter);
        }

        /** Keeps polling for the whole duration (to show that nothing more arrives). */
        public List<ConsumerRecord<String, String>> during(Predicate<ConsumerRecord<String, String>> filter, Duration duration) {
            long deadline = System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
            }
            return matching(filter);
        }

        private List<ConsumerRecord<String, String>> matching(Predicate<ConsumerRecord<String, String>> filter) {
            return seen.stream().filter(filter).toList();
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    public static Predicate<ConsumerRecord<String, String>> about(UUID breakId) {
        return record -> record.value() != null && record.value().contains(breakId.toString());
    }

    public static JsonNode json(String value) {
        try {
            return JSON.readTree(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
