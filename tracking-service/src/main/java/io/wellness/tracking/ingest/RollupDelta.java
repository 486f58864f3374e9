package io.wellness.tracking.ingest;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rollup increments of one consumed batch, aggregated per key so each rollup row is written once per batch.
 * Keys are kept sorted: every transaction locks rollup rows in the same order, which rules out deadlocks between
 * the two consumers.
 */
public final class RollupDelta {

    public record PeriodKey(String unit, LocalDate start, String team) implements Comparable<PeriodKey> {
        private static final Comparator<PeriodKey> ORDER = Comparator.comparing(PeriodKey::unit)
                .thenComparing(PeriodKey::start).thenComparing(PeriodKey::team);

        @Override
        public int compareTo(PeriodKey o) {
            return ORDER.compare(this, o);
        }
    }

    public record HourKey(String team, String unit, LocalDate start, int hour) implements Comparable<HourKey> {
        private static final Comparator<HourKey> ORDER = Comparator.comparing(HourKey::team).thenComparing(HourKey::unit)
                .thenComparing(HourKey::start).thenComparingInt(HourKey::hour);

        @Override
        public int compareTo(HourKey o) {
            return ORDER.compare(this, o);
        }
    }

    public record ExerciseKey(String team, String unit, LocalDate start, String exerciseId) implements Comparable<ExerciseKey> {
        private static final Comparator<ExerciseKey> ORDER = Comparator.comparing(ExerciseKey::team)
                .thenComparing(ExerciseKey::unit).thenComparing(ExerciseKey::start).thenComparing(ExerciseKey::exerciseId);

        @Override
        public int compareTo(ExerciseKey o) {
            return ORDER.compare(this, o);
        }
    }

    public record ParticipantKey(String team, String unit, LocalDate start, String employeeId) implements Comparable<ParticipantKey> {
        private static final Comparator<ParticipantKey> ORDER = Comparator.comparing(ParticipantKey::team)
                .thenComparing(ParticipantKey::unit).thenComparing(ParticipantKey::start).thenComparing(ParticipantKey::employeeId);

        @Override
        public int compareTo(ParticipantKey o) {
            return ORDER.compare(this, o);
        }

        public PeriodKey period() {
            return new PeriodKey(unit, start, team);
        }
    }

    /** An employee behind a heat-map cell (offered a break at that hour of the period). */
    public record HourParticipant(String employeeId, HourKey cell) implements Comparable<HourParticipant> {
        private static final Comparator<HourParticipant> ORDER = Comparator.comparing(HourParticipant::employeeId)
                .thenComparing(HourParticipant::cell);

        @Override
        public int compareTo(HourParticipant o) {
            return ORDER.compare(this, o);
        }
    }

    /** An employee behind an exercise cell (completed that exercise in the period). */
    public record ExerciseParticipant(String employeeId, ExerciseKey cell) implements Comparable<ExerciseParticipant> {
        private static final Comparator<ExerciseParticipant> ORDER = Comparator.comparing(ExerciseParticipant::employeeId)
                .thenComparing(ExerciseParticipant::cell);

        @Override
        public int compareTo(ExerciseParticipant o) {
            return ORDER.compare(this, o);
        }
    }

    /** offered, snoozed, skipped, completed, employees, active. */
    public static final int OFFERED = 0, SNOOZED = 1, SKIPPED = 2, COMPLETED = 3, EMPLOYEES = 4, ACTIVE = 5;
    /** Heat-map cells: offered, snoozed, skipped, completed, then distinct employees. Exercise cells: completed, employees. */
    public static final int HOUR_EMPLOYEES = 4, EXERCISE_EMPLOYEES = 1;

    private final Map<PeriodKey, int[]> periods = new TreeMap<>();
    private final Map<HourKey, int[]> hours = new TreeMap<>();
    private final Map<ExerciseKey, int[]> exercises = new TreeMap<>();
    /** offered, completed in this batch. */
    private final Map<ParticipantKey, int[]> participants = new TreeMap<>();
    /** Markers in key order: concurrent batches insert (and wait on) markers in the same order. */
    private final java.util.SortedSet<HourParticipant> hourParticipants = new java.util.TreeSet<>();
    private final java.util.SortedSet<ExerciseParticipant> exerciseParticipants = new java.util.TreeSet<>();

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
        List<Object> keys = new java.util.ArrayList<>();
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

    public Map<PeriodKey, int[]> periods() {
        return periods;
    }

    public Map<HourKey, int[]> hours() {
        return hours;
    }

    public Map<ExerciseKey, int[]> exercises() {
        return exercises;
    }

    public Map<ParticipantKey, int[]> participants() {
        return participants;
    }

    public java.util.SortedSet<HourParticipant> hourParticipants() {
        return hourParticipants;
    }

    public java.util.SortedSet<ExerciseParticipant> exerciseParticipants() {
        return exerciseParticipants;
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
