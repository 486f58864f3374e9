package io.wellness.scheduler.delivery.kafka;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.wellness.scheduler.delivery.config.DeliveryConfig;
import io.wellness.scheduler.delivery.service.DeliveryPhases;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Claims polled due events on claim lanes (threads of their own; {@code wellness.delivery.claim-lanes}, one by
 * default), off the Kafka connector's path. Measured: with one blocking handler per poll, a polled batch waited
 * 15-60 ms (up to 230 ms) between the poll and the handler, behind the batches before it and the hand-offs between
 * them (connector queue, event loop, worker thread), while the claim itself took a few milliseconds. So the consumer
 * now only splits each poll by partition and returns, and the next poll is handed over at once.
 * <p>
 * A partition always goes to the same lane and a lane works in arrival order, so the due events of one employee
 * (one key, one partition) are claimed and dispatched in order, and a partition's offsets are acknowledged in order,
 * each only once its claim is durable (a crash before that is covered by Kafka redelivery, after it by the retry
 * sweep; the claim itself is idempotent). A lane merges what queued while it claimed into one statement of at most
 * {@link #MAX_RECORDS_PER_CLAIM} records. Backpressure: beyond {@link #MAX_QUEUED_RECORDS} handed over and not yet
 * claimed, the hand-over completes only when the lanes caught up, so the connector stops asking for more polls.
 */
@ApplicationScoped
public class DueClaimLanes {
    static final int MAX_QUEUED_RECORDS = 5_000;
    private static final int MAX_RECORDS_PER_CLAIM = 500;
    static final long FIRST_RETRY_PAUSE_MILLIS = 100;
    private static final long MAX_RETRY_PAUSE_MILLIS = 5_000;

    private final DueBatchClaim claim;
    private final DeliveryPhases phases;
    private final int laneCount;
    private final List<LinkedBlockingQueue<Part>> queues = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Object lock = new Object();
    private int queuedRecords;
    private CompletableFuture<Void> room = CompletableFuture.completedFuture(null);
    private volatile boolean running;

    /** The records of one poll that belong to one lane, in offset order per partition. */
    private record Part(List<KafkaRecord<String, String>> records, long handedOverAt) {
    }

    public DueClaimLanes(DueBatchClaim claim, DeliveryPhases phases, DeliveryConfig config) {
        this.claim = claim;
        this.phases = phases;
        this.laneCount = Math.max(1, config.claimLanes());
    }

    void start(@Observes StartupEvent startup) {
        running = true;
        for (int i = 0; i < laneCount; i++) {
            LinkedBlockingQueue<Part> queue = new LinkedBlockingQueue<>();
            queues.add(queue);
            threads.add(Thread.ofPlatform().name("delivery-claim-" + i).daemon().start(() -> run(queue)));
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        threads.forEach(Thread::interrupt);
    }

    /** Splits a poll by partition onto the lanes; completes at once unless the lanes are far behind. */
    public CompletionStage<Void> handOver(KafkaRecordBatch<String, String> batch) {
        List<List<KafkaRecord<String, String>>> byLane = new ArrayList<>(laneCount);
        for (int i = 0; i < laneCount; i++) {
            byLane.add(new ArrayList<>());
        }
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            byLane.get(Math.floorMod(record.getPartition(), laneCount)).add(record);
        }
        int size = batch.getRecords().size();
        long now = System.nanoTime();
        synchronized (lock) {
            queuedRecords += size;
            for (int i = 0; i < laneCount; i++) {
                if (!byLane.get(i).isEmpty()) {
                    queues.get(i).add(new Part(byLane.get(i), now));
                }
            }
            if (queuedRecords <= MAX_QUEUED_RECORDS) {
                return CompletableFuture.completedFuture(null);
            }
            if (room.isDone()) {
                room = new CompletableFuture<>();
            }
            return room;
        }
    }

    private void run(LinkedBlockingQueue<Part> queue) {
        List<Part> taken = new ArrayList<>();
        while (running) {
            try {
                Part first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                taken.add(first);
                int records = first.records().size();
                Part next;
                while ((next = queue.peek()) != null && records + next.records().size() <= MAX_RECORDS_PER_CLAIM) {
                    taken.add(queue.poll());
                    records += next.records().size();
                }
                List<KafkaRecord<String, String>> all = new ArrayList<>(records);
                List<Part> parts = List.copyOf(taken);
                for (Part part : parts) {
                    phases.since(DeliveryPhases.Phase.QUEUE, part.handedOverAt());
                    all.addAll(part.records());
                }
                taken.clear();
                try {
                    claimUntilLogged(all, parts);
                } finally {
                    release(records);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // a claim failure is retried in claimUntilLogged; this keeps the lane alive whatever else went wrong
                Log.errorf("claim lane failed: %s", e.toString());
                taken.clear();
            }
        }
    }

    private void release(int records) {
        CompletableFuture<Void> freed = null;
        synchronized (lock) {
            queuedRecords -= records;
            if (queuedRecords <= MAX_QUEUED_RECORDS && !room.isDone()) {
                freed = room;
            }
        }
        if (freed != null) {
            freed.complete(null);
        }
    }

    /**
     * Claims until the records are durably logged, then acknowledges them. A failed claim (the database down or
     * failing over) is retried with backoff on this lane, which keeps the records unacknowledged, in order, and the
     * connector held back: the consumer recovers by itself when the database is back, where a nack would stop the
     * channel until a restart. Stopping leaves them unacknowledged: Kafka hands them out again.
     */
    private void claimUntilLogged(List<KafkaRecord<String, String>> records, List<Part> parts) throws InterruptedException {
        long pause = FIRST_RETRY_PAUSE_MILLIS;
        Exception failure;
        while ((failure = claim.claim(records)) != null) {
            if (!running) {
                return;
            }
            Log.warnf("%d due events not logged, none acknowledged; claiming them again in %d ms: %s",
                    records.size(), pause, failure.toString());
            Thread.sleep(pause);
            pause = Math.min(pause * 2, MAX_RETRY_PAUSE_MILLIS);
        }
        for (Part part : parts) {
            acknowledge(part.records());
        }
    }

    /**
     * Acknowledges the latest record of each partition within one poll, as the connector's own batch acknowledgement
     * does: in batch mode its commit strategy tracks exactly those records, one per partition and poll, and fails the
     * channel when one of them stays unacknowledged for a minute; a claim may merge several polls of one partition.
     */
    private static void acknowledge(List<KafkaRecord<String, String>> records) {
        Map<Integer, KafkaRecord<String, String>> latest = new LinkedHashMap<>();
        for (KafkaRecord<String, String> record : records) {
            latest.put(record.getPartition(), record);
        }
        latest.values().forEach(KafkaRecord::ack);
    }
}
