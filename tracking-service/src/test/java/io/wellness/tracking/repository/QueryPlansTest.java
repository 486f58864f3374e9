package io.wellness.tracking.repository;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ingest's per-batch statements and the dashboards' reads look rows up through their keys, whatever the tables'
 * sizes: the logs, the participant markers and the rollups only grow, so a plan that reads a whole table per batch or
 * per request gets slower every day. A small test table would let the planner choose a scan anyway, so these read
 * the plans PostgreSQL makes (for the ingest, for a 2,000-row batch).
 */
@QuarkusTest
class QueryPlansTest {
    private static final int BATCH = 2_000;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void outcomesAreCheckedAgainstTheErasedIdsOnlyAndRaiseBreaksThroughTheirKey() throws Exception {
        String plan = explain(IngestRepository.RECORD_OUTCOMES, false, ps -> {
            List<UUID> ids = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            List<Short> outcomes = new ArrayList<>();
            List<Integer> snoozes = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                ids.add(UUID.randomUUID());
                texts.add("x");
                outcomes.add((short) 3);
                snoozes.add(0);
            }
            List<String> times = Collections.nCopies(BATCH, "2026-11-22T10:00:00Z");
            SqlArrays.set(ps, 1, "uuid", ids);
            SqlArrays.set(ps, 2, "uuid", ids);
            SqlArrays.set(ps, 3, "uuid", ids);
            SqlArrays.set(ps, 4, "text", texts);
            SqlArrays.set(ps, 5, "int2", outcomes);
            SqlArrays.set(ps, 6, "text", times);
            SqlArrays.set(ps, 7, "text", texts);
            SqlArrays.set(ps, 8, "int4", snoozes);
            SqlArrays.set(ps, 9, "text", texts);
        });
        // the due ids of the message log (most of it) are never read: only the partial index of the tombstones
        assertThat(plan).contains("processed_message_erased").doesNotContain("processed_message_pkey")
                .doesNotContainPattern("Seq Scan on processed_message")
                // existing breaks are found through their key, not by scanning a table that only grows
                .containsPattern("break_record_pkey[^\\n]*\\n\\s+Index Cond: \\(break_id = ANY")
                .doesNotContainPattern("Seq Scan on break_record");
    }

    @Test
    void participantsAreActivatedThroughTheirPrimaryKeyOnAllFourColumns() throws Exception {
        // with scans ruled out the planner still picks an index; the question is whether the key serves every column
        // (the unit compared as text instead of char(1) left it out, and a batch then hashed the whole table)
        String plan = explain(RollupRepository.ACTIVATE_PARTICIPANTS, true, ps -> {
            List<String> teams = Collections.nCopies(BATCH, "team-a");
            List<String> units = Collections.nCopies(BATCH, "D");
            List<String> days = Collections.nCopies(BATCH, "2026-11-22");
            List<String> employees = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                employees.add("emp-" + i);
            }
            SqlArrays.set(ps, 1, "text", teams);
            SqlArrays.set(ps, 2, "text", units);
            SqlArrays.set(ps, 3, "text", days);
            SqlArrays.set(ps, 4, "text", employees);
        });
        assertThat(plan).contains("period_participant_pkey").containsPattern("Index Cond: .*unit = ");
    }

    @Test
    void dashboardsReadTheRollupsThroughTheUnitOfTheirKeys() throws Exception {
        // the unit is bound the way the service binds it (setString): the char(1) column must still serve the key, as
        // it would not if the parameter were compared as text (a scan of the rollups, growing with the history kept)
        String periods = explain(DashboardRepository.PERIODS, true, ps -> {
            ps.setString(1, "M");
            ps.setObject(2, java.time.LocalDate.parse("2026-03-01"));
            ps.setObject(3, java.time.LocalDate.parse("2026-03-01"));
        });
        assertThat(periods).contains("team_period_rollup_pkey").containsPattern("Index Cond: \\(\\(unit = 'M'::bpchar\\)");
        for (String sql : List.of(DashboardRepository.hoursSql(true), DashboardRepository.exercisesSql(true))) {
            String plan = explain(sql, true, ps -> {
                ps.setString(1, "M");
                ps.setArray(2, ps.getConnection().createArrayOf("date", new Object[]{java.sql.Date.valueOf("2026-03-01")}));
                ps.setString(3, "team-a");
                ps.setInt(4, 5);
                if (sql.contains("limit ?")) {
                    ps.setInt(5, 10);
                }
            });
            assertThat(plan).containsPattern("Index Cond: .*unit = 'M'::bpchar").doesNotContain("(unit)::text");
        }
    }

    @Test
    void suppressedDaysReadThePeopleOfPrimaryCellsOnly() throws Exception {
        String plan = explain(DashboardRepository.SUPPRESSED_DAYS, false, ps -> {
            ps.setInt(1, 5);
            ps.setInt(2, 5);
            ps.setObject(3, java.time.LocalDate.parse("2026-03-01"));
            ps.setObject(4, java.time.LocalDate.parse("2026-03-31"));
            for (int i = 5; i <= 8; i++) {
                ps.setInt(i, 5);
            }
            ps.setString(9, "month");
        });
        // the complementary cells' people (a whole team per day) are never fetched: the scan is gated per cell
        assertThat(plan).containsPattern("One-Time Filter: \\(\\w+\\.employees < ");
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws Exception;
    }

    private String explain(String sql, boolean withoutScans, Binder binder) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (Statement s = c.createStatement()) {
                    if (withoutScans) {
                        s.execute("set local enable_seqscan = off");
                        s.execute("set local enable_hashjoin = off");
                        s.execute("set local enable_mergejoin = off");
                    }
                }
                StringBuilder plan = new StringBuilder();
                try (PreparedStatement ps = c.prepareStatement("explain " + sql)) {
                    binder.bind(ps);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            plan.append(rs.getString(1)).append('\n');
                        }
                    }
                }
                return plan.toString();
            } finally {
                c.rollback();
            }
        }
    }
}
