package io.wellness.scheduler.delivery.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.wellness.common.events.BreakDueEvent;
import io.wellness.scheduler.delivery.config.DeliveryConfig;
import io.wellness.scheduler.delivery.repository.DeliveryKey;
import io.wellness.scheduler.delivery.repository.DeliveryLogRepository;
import io.wellness.scheduler.delivery.service.DeliveryPhases;
import io.wellness.scheduler.delivery.service.DeliveryService;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Claims due events: writes them to the delivery log in one statement and dispatches only the emissions not seen
 * before (a redelivered event finds its row and is not sent again). Unreadable or invalid events go to the
 * dead-letter topic as they came.
 */
@ApplicationScoped
public class DueBatchClaim {
    private final DeliveryLogRepository log;
    private final DeliveryService delivery;
    private final DeliveryEvents events;
    private final DeliveryConfig config;
    private final ObjectMapper json;
    private final DeliveryPhases phases;

    public DueBatchClaim(DeliveryLogRepository log, DeliveryService delivery, DeliveryEvents events,
                         DeliveryConfig config, ObjectMapper json, DeliveryPhases phases) {
        this.log = log;
        this.delivery = delivery;
        this.events = events;
        this.config = config;
        this.json = json;
        this.phases = phases;
    }

    /**
     * Claims these records (in offset order per partition) and dispatches the new emissions; returns the failure
     * if they could not be logged (then none was dispatched and none may be acknowledged), else null.
     */
    public Exception claim(List<KafkaRecord<String, String>> records) {
        try {
            Map<DeliveryKey, BreakDueEvent> valid = new HashMap<>();
            Map<DeliveryKey, String> jsonByKey = new HashMap<>();
            List<DeliveryLogRepository.NewDelivery> rows = new ArrayList<>();
            for (KafkaRecord<String, String> record : records) {
                String eventJson = record.getPayload();
                BreakDueEvent event = null;
                String problem;
                try {
                    event = eventJson == null ? null : json.readValue(eventJson, BreakDueEvent.class);
                    problem = problemWith(event);
                } catch (JsonProcessingException e) {
                    problem = "unreadable: " + e.getOriginalMessage();
                }
                if (problem != null) {
                    rejectUnreadable(record, event, problem);
                    continue;
                }
                DeliveryKey key = new DeliveryKey(event.breakId(), event.snoozeCount());
                if (valid.putIfAbsent(key, event) == null) {
                    jsonByKey.put(key, eventJson);
                    rows.add(new DeliveryLogRepository.NewDelivery(key, event.employeeId(), event.channel().type(),
                            event.channel().address(), eventJson));
                }
            }
            Instant now = Instant.now();
            long claimStarted = System.nanoTime();
            List<DeliveryKey> claimed = log.insertNew(rows, now, config.lease());
            phases.since(DeliveryPhases.Phase.CLAIM, claimStarted);
            for (DeliveryKey key : claimed) {
                delivery.dispatch(valid.get(key), jsonByKey.get(key), 0, now);
            }
            return null;
        } catch (SQLException | RuntimeException e) {
            Log.errorf("due events not logged, they are not acknowledged: %s", e.toString());
            return e;
        }
    }

    private static String problemWith(BreakDueEvent event) {
        if (event == null) {
            return "unreadable: empty record";
        }
        List<String> missing = new ArrayList<>();
        if (event.breakId() == null) {
            missing.add("breakId");
        }
        if (event.employeeId() == null || event.employeeId().isBlank()) {
            missing.add("employeeId");
        }
        if (event.channel() == null || event.channel().type() == null || event.channel().address() == null) {
            missing.add("channel");
        }
        if (event.snoozeCount() < 0) {
            missing.add("snoozeCount");
        }
        return missing.isEmpty() ? null : "invalid: missing or wrong " + String.join(", ", missing);
    }

    /** Nothing is dropped silently: an unreadable or invalid due event goes to the dead-letter topic as it came. */
    private void rejectUnreadable(KafkaRecord<String, String> record, BreakDueEvent event, String reason) {
        ObjectNode body = json.createObjectNode();
        body.put("reason", reason);
        body.put("attempts", 0);
        body.put("deadLetteredAt", Instant.now().toString());
        record.getMetadata(IncomingKafkaRecordMetadata.class).ifPresent(meta -> {
            body.put("topic", meta.getTopic());
            body.put("partition", meta.getPartition());
            body.put("offset", meta.getOffset());
        });
        if (event != null) {
            body.set("event", json.valueToTree(event));
        } else {
            body.put("value", record.getPayload());
        }
        String key = record.getKey() == null ? "unknown" : record.getKey();
        String id = event != null && event.breakId() != null ? event.breakId().toString() : java.util.UUID.randomUUID().toString();
        try {
            events.deadLetter(body, key, id, reason, 0, null, Instant.now()).toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("dead letter not published", e);
        }
        Log.warnf("due event at key %s dead-lettered: %s", key, reason);
    }
}
