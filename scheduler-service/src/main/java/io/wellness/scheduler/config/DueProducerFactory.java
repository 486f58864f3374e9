package io.wellness.scheduler.config;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;

/**
 * The producer of {@code microbreaks.due}: idempotent (a retried send is not duplicated), batched and lz4-compressed
 * (a burst of 100,000 breaks goes out in large batches).
 */
public class DueProducerFactory {

    @Produces
    @Singleton
    @Named("due-producer")
    Producer<String, byte[]> dueProducer(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
                                         SchedulerConfig config) {
        return new KafkaProducer<>(settings(bootstrap, config.publish().compression()), new StringSerializer(), new ByteArraySerializer());
    }

    void close(@Disposes @Named("due-producer") Producer<String, byte[]> producer) {
        producer.close();
    }

    /** Shared with the benchmark's raw-producer baseline, so both measure the same settings. */
    public static Map<String, Object> settings(String bootstrap, String compression) {
        return Map.ofEntries(
                Map.entry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, (Object) bootstrap),
                Map.entry(ProducerConfig.CLIENT_ID_CONFIG, (Object) "scheduler-due"),
                Map.entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, (Object) true),
                Map.entry(ProducerConfig.ACKS_CONFIG, (Object) "all"),
                Map.entry(ProducerConfig.LINGER_MS_CONFIG, (Object) 5),
                Map.entry(ProducerConfig.BATCH_SIZE_CONFIG, (Object) (256 * 1024)),
                Map.entry(ProducerConfig.COMPRESSION_TYPE_CONFIG, (Object) compression),
                Map.entry(ProducerConfig.BUFFER_MEMORY_CONFIG, (Object) (64L * 1024 * 1024)),
                Map.entry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, (Object) 5),
                Map.entry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (Object) 20_000),
                Map.entry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (Object) 60_000));
    }
}
