package io.wellness.scheduler.delivery.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.wellness.common.events.BreakDueEvent;
import io.wellness.scheduler.delivery.config.DeliveryConfig;
import io.wellness.scheduler.delivery.repository.CallbackReplayRepository;
import io.wellness.scheduler.delivery.repository.DeliveryLogRepository;
import io.wellness.scheduler.delivery.repository.DeliveryKey;
import io.wellness.scheduler.delivery.repository.DeliveryRecord;
import io.wellness.scheduler.delivery.repository.InboxRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Finds pending deliveries whose retry time has come (or whose replica died holding them) and attempts them again;
 * also forgets what no longer needs remembering (old callback signatures, old inbox items, idle rate buckets).
 */
@ApplicationScoped
public class RetrySweeper {
    private static final int BATCH = 500;
    private static final int MAX_BATCHES_PER_SWEEP = 10;
    private static final Duration INBOX_RETENTION = Duration.ofDays(7);
    private static final Duration HOUSEKEEPING_INTERVAL = Duration.ofMinutes(1);

    private final DeliveryLogRepository log;
    private final CallbackReplayRepository replays;
    private final InboxRepository inbox;
    private final DeliveryService delivery;
    private final DeliveryConfig config;
    private final ObjectMapper json;
    private ScheduledExecutorService timer;

    public RetrySweeper(DeliveryLogRepository log, CallbackReplayRepository replays, InboxRepository inbox,
                        DeliveryService delivery, DeliveryConfig config, ObjectMapper json) {
        this.log = log;
        this.replays = replays;
        this.inbox = inbox;
        this.delivery = delivery;
        this.config = config;
        this.json = json;
    }

    void start(@Observes StartupEvent startup) {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("delivery-retry-sweeper").daemon().factory());
        long interval = config.retryPollInterval().toMillis();
        timer.scheduleWithFixedDelay(this::sweep, interval, interval, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::housekeeping, 0, HOUSEKEEPING_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    void sweep() {
        try {
            // deliveries this replica claimed but had no room for: their leases end now, so a sweep (this one or
            // another replica's) starts them as soon as there is room
            List<DeliveryKey> deferred = delivery.takeDeferred();
            if (!deferred.isEmpty()) {
                log.renewLeases(deferred, Instant.now());
            }
            // a backlog drains at up to MAX_BATCHES_PER_SWEEP x BATCH per interval, never beyond the room in memory
            for (int round = 0; round < MAX_BATCHES_PER_SWEEP; round++) {
                int limit = Math.min(BATCH, delivery.room());
                if (limit == 0) {
                    return;
                }
                List<DeliveryRecord> claimed = log.claimDue(Instant.now(), config.lease(), limit);
                for (DeliveryRecord record : claimed) {
                    if (!delivery.inFlight(record.key())) {
                        BreakDueEvent event = json.readValue(record.eventJson(), BreakDueEvent.class);
                        delivery.dispatch(event, record.eventJson(), record.attempts(), record.firstSeenAt());
                    }
                }
                if (claimed.size() < limit) {
                    return;
                }
            }
        } catch (Exception e) {
            Log.warnf("retry sweep failed, next one in %s: %s", config.retryPollInterval(), e.toString());
        }
    }

    void housekeeping() {
        try {
            Instant now = Instant.now();
            replays.forgetBefore(now.minus(config.slack().maxRequestAge().multipliedBy(2)));
            inbox.purgeDueBefore(now.minus(INBOX_RETENTION));
            delivery.forgetIdleRecipients();
        } catch (Exception e) {
            Log.warnf("delivery housekeeping failed: %s", e.toString());
        }
    }
}
