package io.wellness.tracking.ingest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rollup increments of one consumed batch, aggregated per key so each rollup row is written once per batch.
 * Rows are handed out sorted by key: every transaction locks rollup rows in the same order, which rules out deadlocks
 * between concurrent batches.
 */
public final class RollupDelta {

    public record PeriodKey(String unit, LocalDate start, String team) implements Comparable<PeriodKey> {
        @Override
        public int compareTo(PeriodKey o) {
            int c = unit.compareTo(o.unit);
            if (c == 0) {
                c = start.compareTo(o.start);
            }
            return c != 0 ? c : team.compareTo(o.team);
        }
    }

    public record HourKey(String team, String unit, LocalDate start, int hour) implements Comparable<HourKey> {
        @Override
        public int compareTo(HourKey o) {
            int c = team.compareTo(o.team);
            if (c == 0) {
                c = unit.compareTo(o.unit);
            }
            if (c == 0) {
                c = start.compareTo(o.start);
            }
            return c != 0 ? c : Integer.compare(hour, o.hour);
        }
    }

    public record ExerciseKey(String team, String unit, LocalDate start, String exerciseId) implements Comparable<ExerciseKey> {
        @Override
        public int compareTo(ExerciseKey o) {
            int c = team.compareTo(o.team);
            if (c == 0) {
                c = unit.compareTo(o.unit);
            }
            if (c == 0) {
                c = start.compareTo(o.start);
            }
            return c != 0 ? c : exerciseId.compareTo(o.exerciseId);
        }
    }

    public record ParticipantKey(String team, String unit, LocalDate start, String employeeId) implements Comparable<ParticipantKey> {
        @Override
        public int compareTo(ParticipantKey o) {
            int c = team.compareTo(o.team);
            if (c == 0) {
                c = unit.compareTo(o.unit);
            }
            if (c == 0) {
                c = start.compareTo(o.start);
            }
            return c != 0 ? c : employeeId.compareTo(o.employeeId);
        }

        public PeriodKey period() {
            return new PeriodKey(unit, start, team);
        }
    }

    /** An employee behind a heat-map cell (offered a break at that hour of the period). */
    public record HourParticipant(String employeeId, HourKey cell) implements Comparable<HourParticipant> {
        @Override
        public int compareTo(HourParticipant o) {
            int c = employeeId.compareTo(o.employeeId);
            return c != 0 ? c : cell.compareTo(o.cell);
        }
    }

    /** An employee behind an exercise cell (completed that exercise in the period). */
    public record ExerciseParticipant(String employeeId, ExerciseKey cell) implements Comparable<ExerciseParticipant> {
        @Override
        public int compareTo(ExerciseParticipant o) {
            int c = employeeId.compareTo(o.employeeId);
            return c != 0 ? c : cell.compareTo(o.cell);
        }
    }

    /** offered, snoozed, skipped, completed, employees, active. */
    public static final int OFFERED = 0, SNOOZED = 1, SKIPPED = 2, COMPLETED = 3, EMPLOYEES = 4, ACTIVE = 5;
    /** Heat-map cells: offered, snoozed, skipped, completed, then distinct employees. Exercise cells: completed, employees. */
    public static final int HOUR_EMPLOYEES = 4, EXERCISE_EMPLOYEES = 1;

    // Hash maps while the batch is aggregated (many additions per key); each is sorted once, when written.
    private final Map<PeriodKey, int[]> periods = new HashMap<>();
    private final Map<HourKey, int[]> hours = new HashMap<>();
    private final Map<ExerciseKey, int[]> exercises = new HashMap<>();
    /** offered, completed in this batch. */
    private final Map<ParticipantKey, int[]> participants = new HashMap<>();
    private final Set<HourParticipant> hourParticipants = new HashSet<>();
    private final Set<ExerciseParticipant> exerciseParticipants = new HashSet<>();

    public void add(BreakChange change) {
        int[] counts = new int[4];
        if (change.newlyOffered()) {
            counts[OFFERED] = 1;
        } else {
            decrement(counts, change.before());
        }
        increment(counts, change.after());
        int completed = change.newlyCompleted() ? 1 : 0;
        for (PeriodUnit unit : PeriodUnit.values()) {
            LocalDate start = unit.startOf(change.localDay());
            addTo(periods.computeIfAbsent(new PeriodKey(unit.code(), start, change.team()), k -> new int[6]), counts);
            HourKey hour = new HourKey(change.team(), unit.code(), start, change.localHour());
            addTo(hours.computeIfAbsent(hour, k -> new int[5]), counts);
            if (counts[OFFERED] > 0) {
                hourParticipants.add(new HourParticipant(change.employeeId(), hour));
            }
            if (completed > 0) {
                for (String exercise : change.completedExercises()) {
                    ExerciseKey cell = new ExerciseKey(change.team(), unit.code(), start, exercise);
                    exercises.computeIfAbsent(cell, k -> new int[2])[0]++;
                    exerciseParticipants.add(new ExerciseParticipant(change.employeeId(), cell));
                }
            }
            if (counts[OFFERED] > 0 || completed > 0) {
                int[] p = participants.computeIfAbsent(new ParticipantKey(change.team(), unit.code(), start, change.employeeId()), k -> new int[2]);
                p[0] += counts[OFFERED];
                p[1] += completed;
            }
        }
    }

    /** The employee was offered their first break of the period. */
    public void countNewEmployee(ParticipantKey key) {
        periods.computeIfAbsent(key.period(), k -> new int[6])[EMPLOYEES]++;
    }

    /** The employee completed their first break of the period. */
    public void countNewlyActive(ParticipantKey key) {
        periods.computeIfAbsent(key.period(), k -> new int[6])[ACTIVE]++;
    }

    /** A new employee behind the heat-map cell. */
    public void countNewHourParticipant(HourKey cell) {
        hours.computeIfAbsent(cell, k -> new int[5])[HOUR_EMPLOYEES]++;
    }

    /** A new employee behind the exercise cell. */
    public void countNewExerciseParticipant(ExerciseKey cell) {
        exercises.computeIfAbsent(cell, k -> new int[2])[EXERCISE_EMPLOYEES]++;
    }

    /** Drops the work already known to be committed: completions of employees already active, known cell markers. */
    public void skipKnown(KnownParticipants knownParticipants) {
        participants.forEach((key, counts) -> {
            if (counts[1] > 0 && knownParticipants.contains(key)) {
                counts[1] = 0;
            }
        });
        participants.values().removeIf(counts -> counts[0] == 0 && counts[1] == 0);
        hourParticipants.removeIf(knownParticipants::contains);
        exerciseParticipants.removeIf(knownParticipants::contains);
    }

    /** What this delta made true in the database, to remember once it is committed. */
    public void rememberCommitted(KnownParticipants knownParticipants) {
        List<Object> keys = new ArrayList<>();
        participants.forEach((key, counts) -> {
            if (counts[1] > 0) {
                keys.add(key);
            }
        });
        keys.addAll(hourParticipants);
        keys.addAll(exerciseParticipants);
        knownParticipants.rememberAll(keys);
    }

    public boolean isEmpty() {
        return periods.isEmpty() && participants.isEmpty();
    }

    // Rows are written in key order: concurrent batches lock (and wait on) the same rows in the same order, which
    // rules out deadlocks between them.

    public Map<PeriodKey, int[]> periods() {
        return sorted(periods);
    }

    public Map<HourKey, int[]> hours() {
        return sorted(hours);
    }

    public Map<ExerciseKey, int[]> exercises() {
        return sorted(exercises);
    }

    public Map<ParticipantKey, int[]> participants() {
        return sorted(participants);
    }

    public List<HourParticipant> hourParticipants() {
        return sorted(hourParticipants);
    }

    public List<ExerciseParticipant> exerciseParticipants() {
        return sorted(exerciseParticipants);
    }

    private static <K extends Comparable<K>> Map<K, int[]> sorted(Map<K, int[]> rows) {
        List<Map.Entry<K, int[]>> entries = new ArrayList<>(rows.entrySet());
        entries.sort(Map.Entry.comparingByKey());
        Map<K, int[]> inOrder = new LinkedHashMap<>(entries.size() * 2);
        for (Map.Entry<K, int[]> entry : entries) {
            inOrder.put(entry.getKey(), entry.getValue());
        }
        return inOrder;
    }

    private static <K extends Comparable<K>> List<K> sorted(Set<K> keys) {
        List<K> inOrder = new ArrayList<>(keys);
        Collections.sort(inOrder);
        return inOrder;
    }

    public static List<String> completedExercisesOf(List<String> reported, List<String> planned) {
        return reported != null && !reported.isEmpty() ? reported : planned;
    }

    private static void increment(int[] counts, BreakStatus status) {
        switch (status) {
            case SNOOZED -> counts[SNOOZED]++;
            case SKIPPED -> counts[SKIPPED]++;
            case COMPLETED -> counts[COMPLETED]++;
            case NONE -> { }
        }
    }

    private static void decrement(int[] counts, BreakStatus status) {
        switch (status) {
            case SNOOZED -> counts[SNOOZED]--;
            case SKIPPED -> counts[SKIPPED]--;
            case COMPLETED -> counts[COMPLETED]--;
            case NONE -> { }
        }
    }

    private static void addTo(int[] target, int[] counts) {
        for (int i = 0; i < counts.length; i++) {
            target[i] += counts[i];
        }
    }
}
