package io.wellness.scheduler.emission;

import io.wellness.common.events.DeterministicIds;
import io.wellness.scheduler.metrics.PhaseTimers;
import io.wellness.scheduler.plan.PlanStore;
import io.wellness.scheduler.repository.CompanyPolicy;
import io.wellness.scheduler.repository.ScheduleQueries;
import io.wellness.scheduler.service.EmployeeSchedule;
import io.wellness.scheduler.timing.BreakTimer;
import io.wellness.scheduler.timing.BusyInterval;
import io.wellness.scheduler.timing.ScheduleRules;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Emits due breaks, one transaction per batch: claims due schedule rows with {@code FOR UPDATE SKIP LOCKED} (so
 * replicas never claim the same employee, and a crashed replica's claims roll back), advances next_due_at, records
 * each emission in emitted_break (unique break id and snooze count), sends the events and commits only once Kafka
 * acknowledged all of them. A replica that dies after sending and before committing leaves its claims to another
 * replica, which sends the same events again with the same break ids (consumers de-duplicate by id): nothing is lost.
 * Missed breaks older than the grace period (downtime) are not emitted: the schedule jumps to the next break. A break
 * that came due while this emitter was running and only waited behind a burst is backlog, not downtime: it is still
 * sent up to the backlog grace late (see {@link LateRule}).
 */
public class DueBreakEmitter {
    /**
     * Locks the due schedule rows first, then joins what the batch needs: a row another replica or thread has locked
     * is skipped before any join work is spent on it.
     */
    private static final String CLAIM_DUE = """
            with due as (
                select s.employee_id, s.next_due_at
                from break_schedule s
                where s.next_due_at <= ?
                order by s.next_due_at
                limit ?
                for update skip locked)
            select\s""" + ScheduleQueries.SCHEDULE_COLUMNS + """
            , due.next_due_at
            from due
            join employee e on e.id = due.employee_id
            left join employee_settings st on st.employee_id = due.employee_id""";
    private static final String CLAIM_SNOOZED = "select " + ScheduleQueries.SCHEDULE_COLUMNS + """
            , sb.break_id, sb.due_at, sb.snooze_count, sb.plan_key
            from snoozed_break sb
            join employee e on e.id = sb.employee_id
            left join employee_settings st on st.employee_id = sb.employee_id
            where sb.due_at <= ?
            order by sb.due_at
            limit ?
            for update of sb skip locked""";
    /**
     * One statement per batch: advances the claimed schedules and marks the breaks as emitted; a break already emitted
     * (same id and snooze count) is left out of the result. Instants travel as epoch microseconds (no text parsing).
     */
    private static final String RECORD_BATCH = """
            with advanced as (
                update break_schedule s
                set next_due_at = timestamptz 'epoch' + u.next_due * interval '1 microsecond', version = s.version + 1
                from unnest(?::text[], ?::int8[]) as u(employee_id, next_due)
                where s.employee_id = u.employee_id)
            insert into emitted_break (break_id, snooze_count, employee_id, due_at, plan_key, emitted_at)
            select r.break_id::uuid, r.snooze_count, r.employee_id, timestamptz 'epoch' + r.due_at * interval '1 microsecond',
                   r.plan_key, ?::timestamptz
            from unnest(?::text[], ?::int4[], ?::text[], ?::int8[], ?::text[])
                 as r(break_id, snooze_count, employee_id, due_at, plan_key)
            on conflict do nothing
            returning break_id, snooze_count""";

    private final DataSource dataSource;
    private final PlanStore plans;
    private final DuePublisher publisher;
    private final int batchSize;
    private final LateRule late;
    private final BatchObserver observer;
    private final PhaseTimers<EmissionPhase> phases;

    /** An emitter whose late grace is the same for missed and backlogged breaks. */
    public DueBreakEmitter(DataSource dataSource, PlanStore plans, DuePublisher publisher, int batchSize, Duration lateGrace,
                           BatchObserver observer) {
        this(dataSource, plans, publisher, batchSize, lateGrace, lateGrace, observer, EmissionPhase.UNTIMED);
    }

    public DueBreakEmitter(DataSource dataSource, PlanStore plans, DuePublisher publisher, int batchSize, Duration lateGrace,
                           Duration backlogGrace, BatchObserver observer, PhaseTimers<EmissionPhase> phases) {
        this.dataSource = dataSource;
        this.plans = plans;
        this.publisher = publisher;
        this.batchSize = batchSize;
        this.late = new LateRule(lateGrace, backlogGrace);
        this.observer = observer;
        this.phases = phases;
    }

    /** One batch of regular and snoozed breaks due at {@code now}; returns how many rows it claimed. */
    public int emitDue(Instant now) throws SQLException {
        LateRule.Poll poll = late.poll(now);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                long started = System.nanoTime();
                CompanyPolicy policy = ScheduleQueries.policy(connection);
                Emissions emissions = new Emissions();
                int claimed = claimRegular(connection, policy, poll, emissions) + claimSnoozed(connection, policy, poll, emissions);
                if (claimed > 0) {
                    started = phases.since(EmissionPhase.CLAIM, started);
                    Map<String, String> resolved = plans.resolve(emissions.needs.needs());
                    long plansNanos = System.nanoTime() - started;
                    started += plansNanos;
                    List<DuePublisher.DueRecord> records = emissions.record(connection, resolved, now);
                    started = phases.since(EmissionPhase.RECORD, started);
                    if (!records.isEmpty()) {
                        Set<String> planKeys = new HashSet<>();
                        records.forEach(r -> planKeys.add(r.planKey()));
                        Map<String, String> planJson = plans.planJson(planKeys);
                        long sending = System.nanoTime();
                        plansNanos += sending - started;
                        publisher.publish(records, planJson);
                        started = phases.since(EmissionPhase.PUBLISH, sending);
                    }
                    // one figure per batch for the plans, though they are looked up in two steps
                    phases.record(EmissionPhase.PLANS, plansNanos);
                    observer.beforeCommit(connection, claimed);
                }
                connection.commit();
                if (claimed > 0) {
                    phases.since(EmissionPhase.COMMIT, started);
                }
                return claimed;
            } catch (SQLException | RuntimeException e) {
                // an emitter that cannot emit is down: what comes due meanwhile is missed, not backlog
                late.interrupted();
                if (!connection.isClosed()) {
                    connection.rollback();
                }
                throw e;
            } finally {
                if (!connection.isClosed()) {
                    connection.setAutoCommit(true);
                }
            }
        }
    }

    private int claimRegular(Connection connection, CompanyPolicy policy, LateRule.Poll poll, Emissions emissions) throws SQLException {
        Instant now = poll.now();
        List<EmployeeSchedule> schedules = new ArrayList<>();
        List<Instant> dues = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(CLAIM_DUE)) {
            ps.setObject(1, ScheduleQueries.utc(now));
            ps.setInt(2, batchSize);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    schedules.add(ScheduleQueries.schedule(rs, policy));
                    dues.add(rs.getTimestamp("next_due_at").toInstant());
                }
            }
        }
        if (schedules.isEmpty()) {
            return 0;
        }
        Map<String, List<BusyInterval>> busy = ScheduleQueries.busyBlocks(connection,
                schedules.stream().map(EmployeeSchedule::employeeId).toList(), now.minus(late.widestGrace()));
        for (int i = 0; i < schedules.size(); i++) {
            EmployeeSchedule schedule = schedules.get(i);
            Instant due = dues.get(i);
            ScheduleRules rules = schedule.rules(busy.getOrDefault(schedule.employeeId(), List.of()));
            boolean stillWanted = schedule.active() && !schedule.optedOut()
                    && (schedule.pausedUntil() == null || !due.isBefore(schedule.pausedUntil()));
            Instant after;
            if (stillWanted && poll.stillSent(due)) {
                emissions.add(schedule, DeterministicIds.breakId(schedule.employeeId(), due), due, 0, null);
                after = due;
            } else {
                // missed during downtime (or no longer wanted): only the next break counts
                after = now;
            }
            emissions.advance(schedule.employeeId(), BreakTimer.nextDue(rules, after).orElse(null));
        }
        return schedules.size();
    }

    private int claimSnoozed(Connection connection, CompanyPolicy policy, LateRule.Poll poll, Emissions emissions) throws SQLException {
        Instant now = poll.now();
        List<String> done = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(CLAIM_SNOOZED)) {
            ps.setObject(1, ScheduleQueries.utc(now));
            ps.setInt(2, batchSize);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    EmployeeSchedule schedule = ScheduleQueries.schedule(rs, policy);
                    String breakId = rs.getString("break_id");
                    Instant due = rs.getTimestamp("due_at").toInstant();
                    done.add(breakId);
                    if (schedule.active() && !schedule.optedOut() && poll.stillSent(due)) {
                        emissions.add(schedule, UUID.fromString(breakId), due, rs.getInt("snooze_count"), rs.getString("plan_key"));
                    }
                }
            }
        }
        if (!done.isEmpty()) {
            try (PreparedStatement ps = connection.prepareStatement("delete from snoozed_break where break_id = any (?::uuid[])")) {
                ps.setArray(1, ScheduleQueries.textArray(connection, done));
                ps.executeUpdate();
            }
        }
        return done.size();
    }

    /** The breaks of one batch, column by column (they go to PostgreSQL as arrays: one statement per batch). */
    private static final class Emissions {
        final List<String> advancedIds = new ArrayList<>();
        final List<Long> nextDues = new ArrayList<>();
        final List<String> breakIds = new ArrayList<>();
        final List<Integer> snoozeCounts = new ArrayList<>();
        final List<String> employeeIds = new ArrayList<>();
        final List<Instant> dueAts = new ArrayList<>();
        final List<String> teams = new ArrayList<>();
        final List<String> zones = new ArrayList<>();
        final List<String> locales = new ArrayList<>();
        final List<String> channelTypes = new ArrayList<>();
        final List<String> channelAddresses = new ArrayList<>();
        final List<String> planKeys = new ArrayList<>();
        final BreakPlanNeeds needs = new BreakPlanNeeds();

        /** The claimed schedule's next break ({@code null}: none). */
        void advance(String employeeId, Instant nextDue) {
            advancedIds.add(employeeId);
            nextDues.add(nextDue == null ? null : micros(nextDue));
        }

        void add(EmployeeSchedule schedule, UUID breakId, Instant due, int snoozeCount, String knownPlanKey) {
            String planKey = knownPlanKey;
            if (planKey == null) {
                planKey = needs.keyOf(schedule, due);
            }
            breakIds.add(breakId.toString());
            snoozeCounts.add(snoozeCount);
            employeeIds.add(schedule.employeeId());
            dueAts.add(due);
            teams.add(schedule.team());
            zones.add(schedule.zone().getId());
            locales.add(schedule.locale());
            channelTypes.add(schedule.channelType());
            channelAddresses.add(schedule.channelAddress());
            planKeys.add(planKey);
        }

        /** Advances the schedules and records the batch in emitted_break; returns the events to send (those not emitted before). */
        List<DuePublisher.DueRecord> record(Connection connection, Map<String, String> resolvedPlanKeys, Instant now)
                throws SQLException {
            if (breakIds.isEmpty() && advancedIds.isEmpty()) {
                return List.of();
            }
            List<String> keys = planKeys.stream().map(k -> resolvedPlanKeys.getOrDefault(k, k)).toList();
            Set<String> fresh = new HashSet<>();
            try (PreparedStatement ps = connection.prepareStatement(RECORD_BATCH)) {
                ps.setArray(1, ScheduleQueries.textArray(connection, advancedIds));
                ps.setArray(2, connection.createArrayOf("int8", nextDues.toArray(new Long[0])));
                ps.setObject(3, ScheduleQueries.utc(now));
                ps.setArray(4, ScheduleQueries.textArray(connection, breakIds));
                ps.setArray(5, connection.createArrayOf("int4", snoozeCounts.toArray(new Integer[0])));
                ps.setArray(6, ScheduleQueries.textArray(connection, employeeIds));
                ps.setArray(7, connection.createArrayOf("int8", dueAts.stream().map(Emissions::micros).toArray(Long[]::new)));
                ps.setArray(8, ScheduleQueries.textArray(connection, keys));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        fresh.add(rs.getString(1) + "/" + rs.getInt(2));
                    }
                }
            }
            List<DuePublisher.DueRecord> records = new ArrayList<>(fresh.size());
            for (int i = 0; i < breakIds.size(); i++) {
                if (fresh.contains(breakIds.get(i) + "/" + snoozeCounts.get(i))) {
                    records.add(new DuePublisher.DueRecord(UUID.fromString(breakIds.get(i)), snoozeCounts.get(i),
                            employeeIds.get(i), dueAts.get(i), teams.get(i), zones.get(i), locales.get(i),
                            channelTypes.get(i), channelAddresses.get(i), keys.get(i)));
                }
            }
            return records;
        }

        static long micros(Instant instant) {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
        }
    }
}
