package io.wellness.scheduler.delivery.service;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.wellness.scheduler.delivery.config.DeliveryConfig;
import io.wellness.scheduler.delivery.repository.DeliveryKey;
import io.wellness.scheduler.delivery.repository.DeliveryLogRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps this replica's leases alive: every third of the lease, one statement extends the lease of every emission
 * still being attempted here (including one waiting in a rate-limited workspace's queue for minutes) or sent and
 * not yet recorded. So another replica never takes over a live delivery (which would send it twice), while a
 * replica killed mid-delivery is taken over one lease later (default one minute) instead of a long fixed lease.
 */
@ApplicationScoped
public class LeaseRenewer {
    private final DeliveryLogRepository log;
    private final DeliveryService delivery;
    private final SentRecorder sent;
    private final DeliveryConfig config;
    private ScheduledExecutorService timer;

    public LeaseRenewer(DeliveryLogRepository log, DeliveryService delivery, SentRecorder sent, DeliveryConfig config) {
        this.log = log;
        this.delivery = delivery;
        this.sent = sent;
        this.config = config;
    }

    void start(@Observes StartupEvent startup) {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("delivery-lease-renewer").daemon().factory());
        long interval = Math.max(1, config.lease().toMillis() / 3);
        timer.scheduleWithFixedDelay(this::renew, interval, interval, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** Renews now; returns how many rows got a new lease. */
    public int renew() {
        Set<DeliveryKey> working = new HashSet<>(delivery.inFlightKeys());
        working.addAll(sent.unrecorded());
        try {
            return log.renewLeases(working, Instant.now().plus(config.lease()));
        } catch (Exception e) {
            // the next renewal comes a third of a lease later; a replica that cannot reach the database loses its
            // leases and another one takes over (at least once)
            Log.warnf("leases of %d deliveries not renewed: %s", working.size(), e.toString());
            return 0;
        }
    }
}
