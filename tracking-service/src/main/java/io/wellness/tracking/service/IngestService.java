package io.wellness.tracking.service;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.wellness.common.events.BreakDueEvent;
import io.wellness.common.events.BreakOutcomeEvent;
import io.wellness.tracking.ingest.BreakChange;
import io.wellness.tracking.ingest.ReceivedEvent;
import io.wellness.tracking.ingest.RollupDelta;
import io.wellness.tracking.repository.IngestRepository;
import io.wellness.tracking.repository.RollupRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Records one consumed batch in one transaction: idempotency log (duplicates drop out), raw records, rollups. The
 * consumer acknowledges the batch (and Kafka offsets are committed) only after this commit, so a crash replays the
 * batch and the message log makes the replay a no-op.
 */
@ApplicationScoped
public class IngestService {
    private static final int ATTEMPTS = 5;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    IngestRepository ingest;

    @Inject
    RollupRepository rollups;

    @Inject
    MeterRegistry registry;

    /** Events recorded (duplicates excluded), counted after the commit: the ingest rate on the metrics endpoint. */
    private Counter recordedDue;
    private Counter recordedOutcomes;

    @jakarta.annotation.PostConstruct
    void counters() {
        recordedDue = Counter.builder("tracking.events.recorded").tag("topic", "microbreaks.due").register(registry);
        recordedOutcomes = Counter.builder("tracking.events.recorded").tag("topic", "microbreaks.outcomes").register(registry);
    }

    public void ingestDue(List<ReceivedEvent<BreakDueEvent>> events) {
        if (!events.isEmpty()) {
            int recorded = inTransaction(c -> {
                Set<UUID> fresh = ingest.markProcessed(c, events.stream().map(ReceivedEvent::messageId).toList(), IngestRepository.TOPIC_DUE);
                List<ReceivedEvent<BreakDueEvent>> news = events.stream().filter(e -> fresh.remove(e.messageId())).toList();
                apply(c, ingest.offer(c, news));
                return news.size();
            });
            recordedDue.increment(recorded);
        }
    }

    public void ingestOutcomes(List<ReceivedEvent<BreakOutcomeEvent>> events) {
        if (!events.isEmpty()) {
            int recorded = inTransaction(c -> {
                List<BreakChange> changes = new java.util.ArrayList<>();
                int fresh = ingest.recordOutcomes(c, events, changes);
                apply(c, changes);
                return fresh;
            });
            recordedOutcomes.increment(recorded);
        }
    }

    private void apply(Connection c, List<BreakChange> changes) throws SQLException {
        RollupDelta delta = new RollupDelta();
        changes.forEach(delta::add);
        rollups.apply(c, delta);
    }

    private interface Work {
        int run(Connection c) throws SQLException;
    }

    private int inTransaction(Work work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    int result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                // serialization failures and deadlocks are transient: the whole batch is retried
                boolean transientFailure = "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
                if (!transientFailure || attempt >= ATTEMPTS) {
                    throw new IllegalStateException("could not record a batch of events: " + e.getMessage(), e);
                }
                Log.warnf("retrying a batch after %s (attempt %d)", e.getSQLState(), attempt);
            }
        }
    }
}
