package io.wellness.scheduler.delivery.service;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.wellness.scheduler.delivery.repository.DeliveryKey;
import io.wellness.scheduler.delivery.repository.SentBatchRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Collects sent deliveries and writes them in batches from one thread. Until a batch is written the rows stay
 * leased to this replica (renewed by {@link LeaseRenewer}), so no other replica resends them; if this replica dies
 * in that window (milliseconds), the lease runs out and the break is sent again: at least once, never silently lost.
 */
@ApplicationScoped
public class SentRecorder {
    private static final int MAX_BATCH = 1000;
    private static final long RETRY_PAUSE_MILLIS = 1000;
    /** Sent deliveries queued for recording at most: when the database falls behind, senders wait (bounded memory). */
    static final int MAX_UNRECORDED = 20_000;

    private final SentBatchRepository repository;
    private final DeliveryPhases phases;
    private final LinkedBlockingQueue<SentBatchRepository.Sent> queue = new LinkedBlockingQueue<>();
    /** Sent but not yet recorded: their leases must be kept until the write (see {@link LeaseRenewer}). */
    private final Set<DeliveryKey> unrecorded = ConcurrentHashMap.newKeySet();
    private final Semaphore room = new Semaphore(MAX_UNRECORDED);
    private volatile boolean running;
    private Thread writer;

    public SentRecorder(SentBatchRepository repository, DeliveryPhases phases) {
        this.repository = repository;
        this.phases = phases;
    }

    void start(@Observes StartupEvent startup) {
        running = true;
        writer = Thread.ofPlatform().name("delivery-sent-recorder").daemon().start(this::run);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        if (writer != null) {
            writer.interrupt();
        }
        List<SentBatchRepository.Sent> rest = new ArrayList<>();
        queue.drainTo(rest);
        write(rest);
    }

    /** Queues a sent delivery for the next write; waits while {@link #MAX_UNRECORDED} are queued already. */
    public void add(SentBatchRepository.Sent sent) throws InterruptedException {
        room.acquire();
        unrecorded.add(sent.key());
        queue.add(sent);
    }

    Set<DeliveryKey> unrecorded() {
        return unrecorded;
    }

    private void run() {
        List<SentBatchRepository.Sent> batch = new ArrayList<>(MAX_BATCH);
        while (running) {
            try {
                SentBatchRepository.Sent first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                if (!write(batch)) {
                    queue.addAll(batch);
                    Thread.sleep(RETRY_PAUSE_MILLIS);
                }
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private boolean write(List<SentBatchRepository.Sent> batch) {
        if (batch.isEmpty()) {
            return true;
        }
        try {
            long started = System.nanoTime();
            repository.record(batch);
            phases.since(DeliveryPhases.Phase.RECORD, started);
            batch.forEach(sent -> unrecorded.remove(sent.key()));
            room.release(batch.size());
            return true;
        } catch (Exception e) {
            Log.warnf("%d sent deliveries not recorded yet, retrying: %s", batch.size(), e.toString());
            return false;
        }
    }
}
