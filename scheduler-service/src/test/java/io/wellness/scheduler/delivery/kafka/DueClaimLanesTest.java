package io.wellness.scheduler.delivery.kafka;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.wellness.scheduler.delivery.config.DeliveryConfig;
import io.wellness.scheduler.delivery.service.DeliveryPhases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What a claim lane acknowledges: nothing before the claim is durable, the latest record per partition after it. */
class DueClaimLanesTest {
    private final Queue<String> acked = new ConcurrentLinkedQueue<>();
    private final Queue<String> nacked = new ConcurrentLinkedQueue<>();
    private DueClaimLanes lanes;

    @AfterEach
    void stop() {
        if (lanes != null) {
            lanes.stop(null);
        }
    }

    @Test
    void aFailedClaimIsRetriedWithNothingAcknowledgedUntilItIsLogged() {
        AtomicInteger attempts = new AtomicInteger();
        List<List<String>> claimed = new ArrayList<>();
        lanes = started(records -> {
            synchronized (claimed) {
                claimed.add(records.stream().map(KafkaRecord::getPayload).toList());
            }
            // the database is down for the first two attempts
            return attempts.incrementAndGet() <= 2 ? new SQLException("connection refused") : null;
        });

        lanes.handOver(batch(record(0, "a"), record(1, "b"), record(0, "c")));

        await().atMost(Duration.ofSeconds(5)).until(() -> attempts.get() >= 3);
        await().atMost(Duration.ofSeconds(5)).until(() -> acked.size() == 2);
        assertThat(nacked).isEmpty();
        // the same records, in the same order, each time
        assertThat(claimed).hasSize(3).allSatisfy(records -> assertThat(records).containsExactly("a", "b", "c"));
        // the latest of each partition: its offset covers the records before it
        assertThat(acked).containsExactlyInAnyOrder("c", "b");
    }

    @Test
    void pollsMergedIntoOneClaimAreEachAcknowledgedAsTheConnectorTracksThem() throws Exception {
        java.util.concurrent.CountDownLatch firstClaimHeld = new java.util.concurrent.CountDownLatch(1);
        List<List<String>> claimed = new java.util.concurrent.CopyOnWriteArrayList<>();
        lanes = started(records -> {
            claimed.add(records.stream().map(KafkaRecord::getPayload).toList());
            if (claimed.size() == 1) {
                try {
                    firstClaimHeld.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return null;
        });

        lanes.handOver(batch(record(0, "a1"), record(0, "a2")));
        await().atMost(Duration.ofSeconds(5)).until(() -> claimed.size() == 1);
        // two more polls queue while the first claim runs: the lane merges them into one claim
        lanes.handOver(batch(record(0, "b1")));
        lanes.handOver(batch(record(0, "c1"), record(1, "c2")));
        firstClaimHeld.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> acked.size() == 4);
        assertThat(claimed).containsExactly(List.of("a1", "a2"), List.of("b1", "c1", "c2"));
        // the connector's commit strategy waits for the latest record of each partition of each poll: b1 as well as
        // c1 (acknowledging only c1 left b1 pending, and after a minute the strategy failed the channel)
        assertThat(acked).containsExactlyInAnyOrder("a2", "b1", "c1", "c2");
    }

    @Test
    void whileTheDatabaseIsDownNothingIsAcknowledged() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        lanes = started(records -> {
            attempts.incrementAndGet();
            return new SQLException("connection refused");
        });

        lanes.handOver(batch(record(3, "x"), record(3, "y")));

        await().atMost(Duration.ofSeconds(5)).until(() -> attempts.get() >= 3);
        assertThat(acked).isEmpty();
        assertThat(nacked).isEmpty();
    }

    private DueClaimLanes started(java.util.function.Function<List<KafkaRecord<String, String>>, Exception> outcome) {
        DueBatchClaim claim = new DueBatchClaim(null, null, null, null, null, null) {
            @Override
            public Exception claim(List<KafkaRecord<String, String>> records) {
                return outcome.apply(records);
            }
        };
        DeliveryConfig config = (DeliveryConfig) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DeliveryConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "claimLanes" -> 1;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        DueClaimLanes started = new DueClaimLanes(claim, new DeliveryPhases(new SimpleMeterRegistry()), config);
        started.start(null);
        return started;
    }

    private KafkaRecord<String, String> record(int partition, String payload) {
        return KafkaRecord.<String, String>of("microbreaks.due", "employee-" + payload, payload, Instant.now(), partition)
                .withAck(() -> {
                    acked.add(payload);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    nacked.add(payload);
                    return CompletableFuture.completedFuture(null);
                });
    }

    @SafeVarargs
    private static KafkaRecordBatch<String, String> batch(KafkaRecord<String, String>... records) {
        List<KafkaRecord<String, String>> list = List.of(records);
        return new KafkaRecordBatch<>() {
            @Override
            public List<KafkaRecord<String, String>> getRecords() {
                return list;
            }

            @Override
            public Map<org.apache.kafka.common.TopicPartition, KafkaRecord<String, String>> getLatestOffsetRecords() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Iterator<KafkaRecord<String, String>> iterator() {
                return list.iterator();
            }

            @Override
            public List<String> getPayload() {
                return list.stream().map(KafkaRecord::getPayload).toList();
            }

            @Override
            public CompletionStage<Void> ack() {
                throw new UnsupportedOperationException("the lanes acknowledge records, not the batch");
            }
        };
    }
}
