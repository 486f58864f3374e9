package io.wellness.scheduler.delivery.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.logging.Log;
import io.wellness.common.events.BreakDeliveredEvent;
import io.wellness.common.events.BreakDueEvent;
import io.wellness.scheduler.delivery.channel.ChannelRegistry;
import io.wellness.scheduler.delivery.channel.ChatChannel;
import io.wellness.scheduler.delivery.channel.DeliveryFailure;
import io.wellness.scheduler.delivery.config.DeliveryConfig;
import io.wellness.scheduler.delivery.kafka.DeliveryEvents;
import io.wellness.scheduler.delivery.repository.DeliveryKey;
import io.wellness.scheduler.delivery.repository.DeliveryLogRepository;
import io.wellness.scheduler.delivery.repository.SentBatchRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * One delivery attempt of one break emission, on its own virtual thread: wait in the workspace's lane, send
 * through the channel, then record the result (log, inbox, {@code microbreaks.delivered}) and either finish,
 * schedule the retry (backoff with jitter, or the chat API's Retry-After) or dead-letter the break.
 */
@ApplicationScoped
public class DeliveryService {
    /** How long a failed dead-letter publish waits before the retry sweep tries it again. */
    private static final Duration DEAD_LETTER_RETRY = Duration.ofSeconds(30);

    private final ChannelRegistry channels;
    private final DeliveryLogRepository log;
    private final SentRecorder sent;
    private final DeliveryEvents events;
    private final DeliveryConfig config;
    private final ObjectMapper json;
    private final Backoff backoff;
    private final DeliveryPhases phases;
    private final Clock clock;
    private final ConcurrentMap<String, WorkspaceLane> lanes = new ConcurrentHashMap<>();
    /** Emissions being attempted by this replica: the retry sweep must not start them a second time. */
    private final Set<DeliveryKey> inFlight = ConcurrentHashMap.newKeySet();
    /** Claimed but left to the sweep (no room in memory): their leases are handed back so the sweep sees them. */
    private final Queue<DeliveryKey> deferred = new ConcurrentLinkedQueue<>();

    public DeliveryService(ChannelRegistry channels, DeliveryLogRepository log, SentRecorder sent,
                           DeliveryEvents events, DeliveryConfig config, ObjectMapper json, DeliveryPhases phases,
                           Clock clock) {
        this.clock = clock;
        this.phases = phases;
        this.channels = channels;
        this.log = log;
        this.sent = sent;
        this.events = events;
        this.config = config;
        this.json = json;
        this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff());
    }

    /**
     * Starts an attempt unless this replica is already attempting the same emission, or already holds
     * {@code max-in-flight} deliveries: then the delivery stays in the log (its lease handed back at the next sweep)
     * and the retry sweep starts it when there is room.
     *
     * @return false when the delivery was left to the sweep
     */
    public boolean dispatch(BreakDueEvent event, String eventJson, int previousAttempts, Instant firstSeenAt) {
        DeliveryKey key = new DeliveryKey(event.breakId(), event.snoozeCount());
        if (inFlight.size() >= config.maxInFlight()) {
            deferred.offer(key);
            return false;
        }
        if (!inFlight.add(key)) {
            return true;
        }
        long dispatchedAt = System.nanoTime();
        Thread.ofVirtual().name("delivery-" + key.breakId()).start(() -> {
            try {
                phases.since(DeliveryPhases.Phase.START, dispatchedAt);
                attempt(key, event, eventJson, previousAttempts + 1, firstSeenAt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (SQLException | RuntimeException e) {
                // the row keeps its lease: when it runs out, the retry sweep attempts the delivery again
                Log.errorf("delivery of break %s failed unexpectedly: %s", key.breakId(), e.toString());
            } finally {
                inFlight.remove(key);
            }
        });
        return true;
    }

    /** Room for more deliveries in this replica's memory (see {@link #dispatch}). */
    int room() {
        return Math.max(0, config.maxInFlight() - inFlight.size());
    }

    /** The deliveries left to the sweep since the last call (their leases are still this replica's). */
    List<DeliveryKey> takeDeferred() {
        List<DeliveryKey> keys = new ArrayList<>();
        DeliveryKey key;
        while ((key = deferred.poll()) != null) {
            keys.add(key);
        }
        return keys;
    }

    public boolean inFlight(DeliveryKey key) {
        return inFlight.contains(key);
    }

    public int inFlightCount() {
        return inFlight.size();
    }

    /** The emissions this replica is attempting right now (a live view). */
    Set<DeliveryKey> inFlightKeys() {
        return inFlight;
    }

    private void attempt(DeliveryKey key, BreakDueEvent event, String eventJson, int attempt, Instant firstSeenAt)
            throws InterruptedException, SQLException {
        String type = event.channel() == null ? null : event.channel().type();
        Optional<ChatChannel> found = channels.find(type);
        if (found.isEmpty()) {
            deadLetter(key, event, eventJson, attempt - 1, "no channel of type '" + type + "'");
            return;
        }
        ChatChannel channel = found.get();
        // due times are on the scheduler's clock (accelerated in demos and load runs): compare on the same clock
        Instant now = clock.instant();
        if (event.dueAt() != null && event.dueAt().plus(config.maxDeliveryTime()).isBefore(now) && attempt == 1) {
            deadLetter(key, event, eventJson, 0, "stale: due at " + event.dueAt() + ", older than the maximum delivery time");
            return;
        }
        WorkspaceLane lane = lanes.computeIfAbsent(channel.workspace(event),
                workspace -> new WorkspaceLane(channel.workspaceLimits(event), config.workspaceConcurrency()));
        long waiting = System.nanoTime();
        lane.enter(event.channel().address(), channel.recipientLimits());
        long started = phases.since(DeliveryPhases.Phase.LANE, waiting);
        try {
            channel.deliver(event);
            long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            Instant sentAt = Instant.now();
            Timestamp sentStamp = Timestamp.from(sentAt);
            sent.add(new SentBatchRepository.Sent(key, attempt, sentStamp, event.employeeId(),
                    event.dueAt() == null ? sentStamp : Timestamp.from(event.dueAt()),
                    event.timeZone() == null ? "UTC" : event.timeZone(), type, eventJson));
            long publishing = System.nanoTime();
            events.delivered(new BreakDeliveredEvent(UUID.randomUUID(), event.breakId(), event.employeeId(), type,
                    BreakDeliveredEvent.Status.SENT, attempt, latency, null, sentAt));
            phases.since(DeliveryPhases.Phase.PUBLISH, publishing);
        } catch (DeliveryFailure failure) {
            long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            failure.retryAfter().ifPresent(lane::pause);
            Instant failedAt = Instant.now();
            events.delivered(new BreakDeliveredEvent(UUID.randomUUID(), event.breakId(), event.employeeId(), type,
                    BreakDeliveredEvent.Status.FAILED, attempt, latency, failure.getMessage(), failedAt));
            Instant nextAttempt = failedAt.plus(failure.retryAfter().orElseGet(() -> backoff.delayBeforeRetry(attempt)));
            if (!failure.retryable()) {
                deadLetter(key, event, eventJson, attempt, failure.getMessage());
            } else if (nextAttempt.isAfter(firstSeenAt.plus(config.maxDeliveryTime()))) {
                deadLetter(key, event, eventJson, attempt, "gave up after " + attempt + " attempts within "
                        + config.maxDeliveryTime() + "; last error: " + failure.getMessage());
            } else {
                log.scheduleRetry(key, attempt, nextAttempt, failure.getMessage());
            }
        } finally {
            lane.leave();
        }
    }

    private void deadLetter(DeliveryKey key, BreakDueEvent event, String eventJson, int attempts, String reason)
            throws SQLException, InterruptedException {
        Instant now = Instant.now();
        ObjectNode body = json.createObjectNode();
        body.put("reason", reason);
        body.put("attempts", attempts);
        body.put("channel", event.channel() == null ? null : event.channel().type());
        body.put("deadLetteredAt", now.toString());
        try {
            body.set("event", json.readTree(eventJson));
            events.deadLetter(body, event.employeeId(), event.breakId().toString(), reason, attempts,
                    event.channel() == null ? null : event.channel().type(), now).toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                 | com.fasterxml.jackson.core.JsonProcessingException e) {
            Log.errorf("dead letter of break %s not published (%s); retrying later", key.breakId(), e.toString());
            log.scheduleRetry(key, attempts, now.plus(DEAD_LETTER_RETRY), "dead letter not published: " + reason);
            return;
        }
        log.markDead(key, attempts, reason);
        Log.warnf("break %s of employee %s dead-lettered: %s", key.breakId(), event.employeeId(), reason);
        events.delivered(new BreakDeliveredEvent(UUID.randomUUID(), event.breakId(), event.employeeId(),
                event.channel() == null ? "unknown" : event.channel().type(), BreakDeliveredEvent.Status.DEAD_LETTERED,
                attempts, 0, reason, now));
    }

    void forgetIdleRecipients() {
        lanes.values().forEach(WorkspaceLane::forgetIdleRecipients);
    }
}
