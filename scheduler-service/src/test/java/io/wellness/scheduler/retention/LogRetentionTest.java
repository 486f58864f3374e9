package io.wellness.scheduler.retention;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.wellness.scheduler.support.SchedulerDb;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Emitted breaks and processed outcomes older than the retention period (14 days by default) are pruned. */
@QuarkusTest
class LogRetentionTest {
    static final Instant NOW = Instant.parse("2026-03-20T12:00:00Z");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    LogRetention retention;

    SchedulerDb db;

    @BeforeEach
    void clean() {
        db = new SchedulerDb(dataSource);
        db.clear();
    }

    private void emitted(String employee, Instant at) {
        db.update("""
                insert into emitted_break (break_id, snooze_count, employee_id, due_at, plan_key, emitted_at)
                values (?, 0, ?, ?, 'builtin', ?)""", UUID.randomUUID(), employee, at, at);
    }

    private void processed(Instant at) {
        db.update("insert into processed_outcome (event_id, processed_at) values (?, ?)", UUID.randomUUID(), at);
    }

    @Test
    void logsOlderThanTheRetentionPeriodArePrunedAndNewerOnesStay() throws Exception {
        for (int i = 0; i < 30; i++) {
            emitted("old-" + i, NOW.minus(Duration.ofDays(15)).plusSeconds(i));
            processed(NOW.minus(Duration.ofDays(20)).plusSeconds(i));
        }
        emitted("kept-just-inside", NOW.minus(Duration.ofDays(14)).plusSeconds(60));
        emitted("kept-recent", NOW.minus(Duration.ofHours(1)));
        processed(NOW.minus(Duration.ofDays(13)));
        processed(NOW);

        // small batches: pruning goes on until nothing old is left
        LogRetention.Pruned pruned = retention.prune(NOW, 7);

        assertThat(pruned).isEqualTo(new LogRetention.Pruned(30, 30));
        assertThat(db.count("select count(*) from emitted_break where employee_id like 'old-%'")).isZero();
        assertThat(db.count("select count(*) from emitted_break where employee_id like 'kept-%'")).isEqualTo(2);
        assertThat(db.count("select count(*) from processed_outcome")).isEqualTo(2);
        assertThat(retention.prune(NOW)).as("nothing left to prune").isEqualTo(new LogRetention.Pruned(0, 0));
    }
}
