package io.wellness.tracking.ingest;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.wellness.common.events.BreakDueEvent;
import io.wellness.common.events.BreakOutcomeEvent;
import io.wellness.tracking.service.IngestService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Batch consumers of microbreaks.due and microbreaks.outcomes. The batch is acknowledged when the method returns,
 * i.e. after the database commit; offsets are committed only then (the throttled commit strategy commits an offset
 * once every record before it is acknowledged). Recording is idempotent and commutative, so batches may be
 * written concurrently (worker pool {@value #WORKERS}, bounded in the configuration).
 */
@ApplicationScoped
public class BreakEventConsumers {
    static final String WORKERS = "tracking-ingest";

    @Inject
    EventReader reader;

    @Inject
    IngestService ingest;

    @Inject
    IngestTimings timings;

    @Incoming("breaks-due")
    @Blocking(value = BreakEventConsumers.WORKERS, ordered = false)
    public void onDue(ConsumerRecords<String, byte[]> records) {
        List<ReceivedEvent<BreakDueEvent>> events = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            events.add(reader.due(record));
        }
        ingest.ingestDue(events.stream().filter(Objects::nonNull).toList());
    }

    @Incoming("break-outcomes")
    @Blocking(value = BreakEventConsumers.WORKERS, ordered = false)
    public void onOutcomes(ConsumerRecords<String, byte[]> records) {
        long start = System.nanoTime();
        List<ReceivedEvent<BreakOutcomeEvent>> events = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            events.add(reader.outcome(record));
        }
        timings.record(IngestTimings.Phase.DECODE, start);
        ingest.ingestOutcomes(events.stream().filter(Objects::nonNull).toList());
    }
}
