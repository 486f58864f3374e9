package io.wellness.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaServerTest {

    @Test
    void startsABrokerInItsOwnProcessWithThePlatformTopicsAndStopsIt(@TempDir Path dir) throws Exception {
        int port = Ports.freePort();
        KafkaServer kafka = KafkaServer.builder().port(port).controllerPort(Ports.freePort())
                .directory(dir.resolve("kafka")).build();
        long started = System.nanoTime();
        kafka.start(Duration.ofSeconds(90));
        System.out.printf("kafka ready in %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        try {
            assertThat(kafka.process().pid()).isNotEqualTo(ProcessHandle.current().pid());
            kafka.createTopics(PlatformTopics.partitions());
            kafka.createTopics(PlatformTopics.partitions()); // idempotent
            try (Admin admin = kafka.admin()) {
                Map<String, TopicDescription> topics = admin.describeTopics(PlatformTopics.partitions().keySet())
                        .allTopicNames().get(10, TimeUnit.SECONDS);
                assertThat(topics.get(PlatformTopics.DUE).partitions()).hasSize(12);
                assertThat(topics.get(PlatformTopics.DEAD_LETTER).partitions()).hasSize(3);
            }

            try (var producer = new KafkaProducer<String, String>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
                producer.send(new ProducerRecord<>(PlatformTopics.OUTCOMES, "alice", "{\"outcome\":\"completed\"}")).get(10, TimeUnit.SECONDS);
            }
            try (var consumer = new KafkaConsumer<String, String>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "kafka-server-test",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
                consumer.subscribe(List.of(PlatformTopics.OUTCOMES));
                List<ConsumerRecord<String, String>> received = new ArrayList<>();
                long deadline = System.currentTimeMillis() + 30_000;
                while (received.isEmpty() && System.currentTimeMillis() < deadline) {
                    consumer.poll(Duration.ofMillis(500)).forEach(received::add);
                }
                assertThat(received).singleElement().satisfies(r -> {
                    assertThat(r.key()).isEqualTo("alice");
                    assertThat(r.value()).contains("completed");
                });
            }
        } finally {
            List<ProcessHandle> tree = kafka.process().tree();
            kafka.stop();
            assertThat(tree).noneMatch(ProcessHandle::isAlive);
            assertThat(Ports.isListening(port)).isFalse();
        }
    }

    @Test
    void keepsItsDataAcrossARestart(@TempDir Path dir) throws Exception {
        int port = Ports.freePort();
        int controller = Ports.freePort();
        Path data = dir.resolve("kafka");
        try (KafkaServer first = KafkaServer.builder().port(port).controllerPort(controller).directory(data).build()
                .start(Duration.ofSeconds(90))) {
            first.createTopics(Map.of("restart-check", 2));
        }
        try (KafkaServer second = KafkaServer.builder().port(port).controllerPort(controller).directory(data).build()
                .start(Duration.ofSeconds(90)); Admin admin = second.admin()) {
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).contains("restart-check");
        }
    }
}
