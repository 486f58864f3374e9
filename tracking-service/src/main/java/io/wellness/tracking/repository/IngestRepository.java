package io.wellness.tracking.repository;

import io.wellness.common.events.BreakDueEvent;
import io.wellness.common.events.BreakOutcomeEvent;
import io.wellness.tracking.ingest.BreakChange;
import io.wellness.tracking.ingest.BreakStatus;
import io.wellness.tracking.ingest.ReceivedEvent;
import io.wellness.tracking.ingest.RollupDelta;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/** Raw records of the consumed events, written with one multi-row statement per table and batch. */
@ApplicationScoped
public class IngestRepository {
    public static final short TOPIC_DUE = 1;
    public static final short TOPIC_OUTCOMES = 2;
    /** Breaks without a team in their event still count in the company figures. */
    public static final String NO_TEAM = "unassigned";
    /** PostgreSQL's order of uuids (bytes compared unsigned): rows are locked in the order the statements sort them. */
    static final java.util.Comparator<UUID> DATABASE_ORDER = java.util.Comparator
            .comparing(UUID::getMostSignificantBits, Long::compareUnsigned)
            .thenComparing(UUID::getLeastSignificantBits, Long::compareUnsigned);

    /**
     * Stores a batch of outcome events and raises their breaks' status (see recordOutcomes). The breaks that exist are
     * raised by a plain UPDATE, found through their key ({@code = any(...)}, an index scan whatever the batch size):
     * an upsert would first lock each row and then update it, one more WAL record per row. The breaks not found
     * (pending, or created by a concurrent transaction since this statement's snapshot) go through the upsert, which
     * settles such races; a break whose status is not raised comes out of both unchanged.
     */
    static final String RECORD_OUTCOMES = """
            with fresh as (
                insert into outcome_event (message_id, event_id, break_id, employee_id, outcome, occurred_at, channel, snooze_number, exercise_ids)
                select id, ev, b, emp, o, t::timestamptz, ch, sn, string_to_array(ex, chr(31))
                from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::int2[], ?::text[], ?::text[], ?::int4[], ?::text[])
                     as x(id, ev, b, emp, o, t, ch, sn, ex)
                where not exists (select 1 from processed_message m where m.id = x.id and m.topic = 2)
                on conflict do nothing
                returning break_id, employee_id, outcome, exercise_ids
            ), highest as (
                select distinct on (break_id) break_id, employee_id, outcome, exercise_ids from fresh
                order by break_id, outcome desc
            ), raised as (
                update break_record b set prev_status = b.status, status = h.outcome,
                    completed_exercises = case when h.outcome = 3 then h.exercise_ids else b.completed_exercises end
                from highest h
                where b.break_id = any(array(select break_id from highest)) and b.break_id = h.break_id and b.status < h.outcome
                returning b.break_id, offered, team, local_day, local_hour, b.employee_id, prev_status, status, planned_exercises, completed_exercises
            ), upserted as (
                insert into break_record as b (break_id, employee_id, status, completed_exercises)
                select break_id, employee_id, outcome, case when outcome = 3 then exercise_ids else '{}'::text[] end
                from highest h where not exists (select 1 from raised r where r.break_id = h.break_id)
                order by break_id
                on conflict (break_id) do update set prev_status = b.status, status = excluded.status,
                    completed_exercises = case when excluded.status = 3 then excluded.completed_exercises else b.completed_exercises end
                where b.status < excluded.status
                returning offered, team, local_day, local_hour, employee_id, prev_status, status, planned_exercises, completed_exercises
            )
            select (select count(*) from fresh), r.*
            from (select 1) as one left join (
                select offered, team, local_day, local_hour, employee_id, prev_status, status, planned_exercises, completed_exercises
                from raised where offered
                union all
                select * from upserted where offered) r on true""";

    /** Records the message ids; returns those never seen before (the others are duplicates). */
    public Set<UUID> markProcessed(Connection c, Collection<UUID> ids, short topic) throws SQLException {
        Set<UUID> fresh = new HashSet<>();
        if (ids.isEmpty()) {
            return fresh;
        }
        String sql = "insert into processed_message (id, topic) select unnest(?::uuid[]), ? on conflict do nothing returning id";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            SqlArrays.set(ps, 1, "uuid", new ArrayList<>(new HashSet<>(ids)));
            ps.setShort(2, topic);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fresh.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return fresh;
    }

    /**
     * Offers the breaks not offered yet (a re-emission after a snooze keeps its breakId and changes nothing);
     * outcomes that arrived earlier are reconciled here: the break counts with the status they left.
     */
    public List<BreakChange> offer(Connection c, List<ReceivedEvent<BreakDueEvent>> events) throws SQLException {
        Map<UUID, BreakDueEvent> byBreak = new TreeMap<>(DATABASE_ORDER);
        for (ReceivedEvent<BreakDueEvent> received : events) {
            byBreak.putIfAbsent(received.event().breakId(), received.event());
        }
        List<BreakChange> changes = new ArrayList<>();
        if (byBreak.isEmpty()) {
            return changes;
        }
        List<UUID> ids = new ArrayList<>();
        List<String> employees = new ArrayList<>(), teams = new ArrayList<>(), dueAts = new ArrayList<>(),
                zones = new ArrayList<>(), days = new ArrayList<>(), exercises = new ArrayList<>();
        List<Short> hours = new ArrayList<>();
        byBreak.forEach((id, e) -> {
            ZoneId zone = zoneOf(e.timeZone());
            ZonedDateTime local = e.dueAt().atZone(zone);
            ids.add(id);
            employees.add(e.employeeId());
            teams.add(e.team() == null || e.team().isBlank() ? NO_TEAM : e.team());
            dueAts.add(e.dueAt().toString());
            zones.add(zone.getId());
            days.add(local.toLocalDate().toString());
            hours.add((short) local.getHour());
            exercises.add(SqlArrays.joinList(e.plan() == null || e.plan().exercises() == null ? List.of()
                    : e.plan().exercises().stream().map(BreakDueEvent.PlannedExercise::id).toList()));
        });
        String sql = """
                insert into break_record as b (break_id, employee_id, offered, team, due_at, time_zone, local_day, local_hour, planned_exercises)
                select id, emp, true, t, d::timestamptz, z, ld::date, h, string_to_array(ex, chr(31))
                from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int2[], ?::text[])
                     as x(id, emp, t, d, z, ld, h, ex)
                on conflict (break_id) do update set offered = true, team = excluded.team, due_at = excluded.due_at,
                    time_zone = excluded.time_zone, local_day = excluded.local_day, local_hour = excluded.local_hour,
                    planned_exercises = excluded.planned_exercises
                where not b.offered
                returning team, local_day, local_hour, employee_id, status, planned_exercises, completed_exercises""";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            SqlArrays.set(ps, 1, "uuid", ids);
            SqlArrays.set(ps, 2, "text", employees);
            SqlArrays.set(ps, 3, "text", teams);
            SqlArrays.set(ps, 4, "text", dueAts);
            SqlArrays.set(ps, 5, "text", zones);
            SqlArrays.set(ps, 6, "text", days);
            SqlArrays.set(ps, 7, "int2", hours);
            SqlArrays.set(ps, 8, "text", exercises);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    BreakStatus status = BreakStatus.ofCode(rs.getShort(5));
                    changes.add(new BreakChange(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getShort(3),
                            rs.getString(4), true, BreakStatus.NONE, status,
                            RollupDelta.completedExercisesOf(SqlArrays.list(rs.getArray(7)), SqlArrays.list(rs.getArray(6)))));
                }
            }
        }
        return changes;
    }

    /**
     * Stores the outcome events not seen before and raises each break's status to the highest of them, in one
     * statement; returns how many events were new. The outcome table's key is the message id, so it is the
     * idempotency log of the outcomes topic (erased employees' message ids are tombstones in processed_message, topic 2).
     * A break not offered yet is created as pending; it counts when its microbreaks.due event arrives. The breaks
     * changed by an offered break's new status are added to {@code changes}.
     */
    public int recordOutcomes(Connection c, List<ReceivedEvent<BreakOutcomeEvent>> received, List<BreakChange> changes)
            throws SQLException {
        if (received.isEmpty()) {
            return 0;
        }
        Map<UUID, BreakOutcomeEvent> byId = new LinkedHashMap<>();
        for (ReceivedEvent<BreakOutcomeEvent> r : received) {
            byId.putIfAbsent(r.messageId(), r.event());
        }
        int n = byId.size();
        List<UUID> ids = new ArrayList<>(n), eventIds = new ArrayList<>(n), breaks = new ArrayList<>(n);
        List<String> employees = new ArrayList<>(n), times = new ArrayList<>(n), channels = new ArrayList<>(n),
                exercises = new ArrayList<>(n);
        List<Short> outcomes = new ArrayList<>(n);
        List<Integer> snoozes = new ArrayList<>(n);
        byId.forEach((id, e) -> {
            ids.add(id);
            eventIds.add(e.eventId());
            breaks.add(e.breakId());
            employees.add(e.employeeId());
            outcomes.add(BreakStatus.of(e.outcome()).code());
            times.add(e.occurredAt().toString());
            channels.add(e.channel());
            snoozes.add(e.snoozeNumber());
            exercises.add(SqlArrays.joinList(e.exerciseIds()));
        });
        // breaks are locked in key order (as by offer): concurrent batches cannot deadlock on them (if a plan ever
        // differed, PostgreSQL would break the cycle and the batch would be retried). Tombstones are looked up in the
        // small partial index of topic 2: measured on 9,000-event batches with 800,000 due ids logged, the old
        // probe of the whole message log cost 27,000 buffer reads per batch.
        int fresh = 0;
        try (PreparedStatement ps = c.prepareStatement(RECORD_OUTCOMES)) {
            SqlArrays.set(ps, 1, "uuid", ids);
            SqlArrays.set(ps, 2, "uuid", eventIds);
            SqlArrays.set(ps, 3, "uuid", breaks);
            SqlArrays.set(ps, 4, "text", employees);
            SqlArrays.set(ps, 5, "int2", outcomes);
            SqlArrays.set(ps, 6, "text", times);
            SqlArrays.set(ps, 7, "text", channels);
            SqlArrays.set(ps, 8, "int4", snoozes);
            SqlArrays.set(ps, 9, "text", exercises);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fresh = rs.getInt(1);
                    if (rs.getObject(2) == null) {
                        continue; // no offered break changed (pending ones are reconciled when the break arrives)
                    }
                    changes.add(new BreakChange(rs.getString(3), rs.getObject(4, LocalDate.class), rs.getShort(5),
                            rs.getString(6), false, BreakStatus.ofCode(rs.getShort(7)), BreakStatus.ofCode(rs.getShort(8)),
                            RollupDelta.completedExercisesOf(SqlArrays.list(rs.getArray(10)), SqlArrays.list(rs.getArray(9)))));
                }
            }
        }
        return fresh;
    }

    static ZoneId zoneOf(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
