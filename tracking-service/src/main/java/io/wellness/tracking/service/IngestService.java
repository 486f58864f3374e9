package io.wellness.tracking.service;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.wellness.common.events.BreakDueEvent;
import io.wellness.common.events.BreakOutcomeEvent;
import io.wellness.tracking.ingest.BreakChange;
import io.wellness.tracking.ingest.IngestTimings;
import io.wellness.tracking.ingest.KnownParticipants;
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

    @Inject
    IngestTimings timings;

    @Inject
    KnownParticipants knownParticipants;

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
            RollupDelta[] applied = new RollupDelta[1];
            int recorded = inTransaction(c -> {
                long t = System.nanoTime();
                Set<UUID> fresh = ingest.markProcessed(c, events.stream().map(ReceivedEvent::messageId).toList(), IngestRepository.TOPIC_DUE);
                List<ReceivedEvent<BreakDueEvent>> news = events.stream().filter(e -> fresh.remove(e.messageId())).toList();
                t = timings.record(IngestTimings.Phase.DUE_LOG, t);
                List<BreakChange> changes = ingest.offer(c, news);
                timings.record(IngestTimings.Phase.OFFER, t);
                applied[0] = apply(c, changes);
                return news.size();
            });
            applied[0].rememberCommitted(knownParticipants);
            recordedDue.increment(recorded);
        }
    }

    public void ingestOutcomes(List<ReceivedEvent<BreakOutcomeEvent>> events) {
        if (!events.isEmpty()) {
            RollupDelta[] applied = new RollupDelta[1];
            int recorded = inTransaction(c -> {
                long t = System.nanoTime();
                // the raw table is the idempotency log of this topic: only events never seen raise a status
                List<BreakChange> changes = new java.util.ArrayList<>();
                int fresh = ingest.recordOutcomes(c, events, changes);
                timings.record(IngestTimings.Phase.OUTCOME_LOG, t);
                applied[0] = apply(c, changes);
                return fresh;
            });
            applied[0].rememberCommitted(knownParticipants);
            recordedOutcomes.increment(recorded);
        }
    }

    /** Rollups of the batch; returns the delta whose participants are to be remembered once committed. */
    private RollupDelta apply(Connection c, List<BreakChange> changes) throws SQLException {
        RollupDelta delta = new RollupDelta();
        changes.forEach(delta::add);
        delta.skipKnown(knownParticipants);
        rollups.apply(c, delta, timings);
        return delta;
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
                    long t = System.nanoTime();
                    c.commit();
                    timings.record(IngestTimings.Phase.COMMIT, t);
                    return result;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                if (databaseUnavailable(e)) {
                    // a failed batch would stop the Kafka channel for good (fail-stop): wait for the database instead
                    long pause = Math.min(5_000, 500L * attempt);
                    Log.warnf("database unavailable (%s), retrying the batch in %d ms (attempt %d)", e.getMessage(), pause, attempt);
                    pause(pause);
                    continue;
                }
                // serialization failures and deadlocks are transient: the whole batch is retried
                boolean transientFailure = "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
                if (!transientFailure || attempt >= ATTEMPTS) {
                    throw new IllegalStateException("could not record a batch of events: " + e.getMessage(), e);
                }
                Log.warnf("retrying a batch after %s (attempt %d)", e.getSQLState(), attempt);
            }
        }
    }

    /** Connection lost or refused, or the server shutting down or starting up (SQLSTATE classes 08 and 57P). */
    static boolean databaseUnavailable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the database", interrupted);
        }
    }
}
