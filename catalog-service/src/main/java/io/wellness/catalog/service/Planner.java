package io.wellness.catalog.service;

import io.wellness.catalog.domain.Exercise;
import io.wellness.catalog.domain.Vocabulary;
import io.wellness.catalog.rest.api.PlanRequest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Chooses 1–3 exercises for one microbreak.
 * <ol>
 * <li>Hard rules: not retired, the position (when given), only equipment the employee has, not in {@code avoid},
 * each exercise fits the budget, the total lies in [minSeconds, maxSeconds], no exercise twice.</li>
 * <li>Preferences, in this order: as few recently done exercises as possible (normally none), as many focus
 * regions covered as possible, exercises with different main regions.</li>
 * <li>Among the equally good combinations one is drawn with a random generator seeded by the request seed and the
 * catalog version, so the same seed on the same catalog always gives the same plan.</li>
 * </ol>
 */
public final class Planner {
    public static final int MAX_EXERCISES = 3;
    /** Bounds the combinations examined per request (C(24,3) = 2024) when the catalog grows. */
    static final int MAX_CANDIDATES = 24;

    public record Plan(long seed, List<Exercise> exercises, int totalDurationSeconds) {
    }

    private Planner() {
    }

    public static Plan plan(CatalogSnapshot catalog, PlanRequest request) {
        long seed = request.seed() != null ? request.seed() : derivedSeed(request);
        SplittableRandom random = new SplittableRandom(seed ^ catalog.versionHash());
        Set<String> equipment = new HashSet<>(request.equipmentOrEmpty());
        equipment.remove("none");
        String position = request.position();
        int min = request.minSeconds();
        int max = request.maxSeconds();

        List<Exercise> suitable = new ArrayList<>();
        for (Exercise exercise : catalog.active()) {
            if ((position == null || exercise.position().equals(position)) && equipment.containsAll(exercise.equipment())) {
                suitable.add(exercise);
            }
        }
        String context = "position " + (position == null ? "any" : position) + " with equipment " + new TreeSet<>(equipment);
        if (suitable.isEmpty()) {
            throw new NoFittingPlanException(List.of("no exercise for " + context));
        }
        Set<String> avoid = Set.copyOf(request.avoidOrEmpty());
        List<Exercise> allowed = suitable.stream().filter(e -> !avoid.contains(e.id())).toList();
        if (allowed.isEmpty()) {
            throw new NoFittingPlanException(List.of("all " + suitable.size() + " exercises for " + context + " are in avoid"));
        }
        List<Exercise> candidates = allowed.stream().filter(e -> e.durationSeconds() <= max).toList();
        if (candidates.isEmpty()) {
            int shortest = allowed.stream().mapToInt(Exercise::durationSeconds).min().orElseThrow();
            throw new NoFittingPlanException(List.of("every exercise for " + context + " lasts longer than maxSeconds "
                    + max + " (the shortest lasts " + shortest + " s)"));
        }
        Set<String> recent = Set.copyOf(request.recentOrEmpty());
        candidates = bounded(candidates, recent, random);

        int[] chosen = choose(candidates, recent, request.focusOrEmpty(), min, max, random);
        if (chosen == null) {
            int shortest = candidates.stream().mapToInt(Exercise::durationSeconds).min().orElseThrow();
            int total = candidates.stream().mapToInt(Exercise::durationSeconds).sorted().skip(Math.max(0, candidates.size() - MAX_EXERCISES)).sum();
            throw new NoFittingPlanException(List.of("no combination of 1–" + MAX_EXERCISES + " of the " + candidates.size()
                    + " exercises for " + context + " lasts between " + min + " and " + max + " s (single exercises last "
                    + shortest + "–" + candidates.stream().mapToInt(Exercise::durationSeconds).max().orElseThrow()
                    + " s, the longest three together " + total + " s)"));
        }
        List<Exercise> plan = new ArrayList<>(chosen.length);
        int totalSeconds = 0;
        for (int index : chosen) {
            plan.add(candidates.get(index));
            totalSeconds += candidates.get(index).durationSeconds();
        }
        return new Plan(seed, List.copyOf(plan), totalSeconds);
    }

    /** Keeps at most MAX_CANDIDATES, fresh ones first, drawn with the seeded generator. */
    private static List<Exercise> bounded(List<Exercise> candidates, Set<String> recent, SplittableRandom random) {
        if (candidates.size() <= MAX_CANDIDATES) {
            return candidates;
        }
        List<Exercise> fresh = new ArrayList<>(candidates.stream().filter(e -> !recent.contains(e.id())).toList());
        List<Exercise> stale = new ArrayList<>(candidates.stream().filter(e -> recent.contains(e.id())).toList());
        shuffle(fresh, random);
        shuffle(stale, random);
        fresh.addAll(stale);
        return fresh.subList(0, MAX_CANDIDATES).stream().sorted(java.util.Comparator.comparing(Exercise::id)).toList();
    }

    private static void shuffle(List<Exercise> list, SplittableRandom random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            list.set(i, list.set(j, list.get(i)));
        }
    }

    /** Enumerates all combinations of 1–3 candidates, keeps the best-ranked ones and draws one. */
    private static int[] choose(List<Exercise> candidates, Set<String> recent, List<String> focus, int min, int max,
                                SplittableRandom random) {
        int n = candidates.size();
        int[] duration = new int[n];
        int[] regionMask = new int[n];
        int[] mainRegion = new int[n];
        int[] isRecent = new int[n];
        int focusMask = mask(focus);
        for (int i = 0; i < n; i++) {
            Exercise exercise = candidates.get(i);
            duration[i] = exercise.durationSeconds();
            regionMask[i] = mask(exercise.regions());
            mainRegion[i] = Vocabulary.REGIONS.indexOf(exercise.regions().getFirst());
            isRecent[i] = recent.contains(exercise.id()) ? 1 : 0;
        }
        long bestRank = Long.MIN_VALUE;
        List<int[]> best = new ArrayList<>();
        // j == i means "no second exercise", k == j means "no third": sizes 1, 2 and 3 in one loop
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                for (int k = j; k < n; k++) {
                    if (j == i && k != j) {
                        break;
                    }
                    int total = duration[i] + (j != i ? duration[j] : 0) + (k != j ? duration[k] : 0);
                    if (total < min || total > max) {
                        continue;
                    }
                    int recentCount = isRecent[i] + (j != i ? isRecent[j] : 0) + (k != j ? isRecent[k] : 0);
                    int regions = regionMask[i] | (j != i ? regionMask[j] : 0) | (k != j ? regionMask[k] : 0);
                    boolean varied = (j == i || mainRegion[i] != mainRegion[j])
                            && (k == j || (mainRegion[k] != mainRegion[i] && mainRegion[k] != mainRegion[j]));
                    long rank = -recentCount * 1_000L + Integer.bitCount(regions & focusMask) * 10L + (varied ? 1 : 0);
                    if (rank > bestRank) {
                        bestRank = rank;
                        best.clear();
                    }
                    if (rank == bestRank) {
                        best.add(j == i ? new int[]{i} : k == j ? new int[]{i, j} : new int[]{i, j, k});
                    }
                }
            }
        }
        return best.isEmpty() ? null : best.get(random.nextInt(best.size()));
    }

    private static int mask(List<String> regions) {
        int mask = 0;
        for (String region : regions) {
            int index = Vocabulary.REGIONS.indexOf(region);
            if (index >= 0) {
                mask |= 1 << index;
            }
        }
        return mask;
    }

    private static long derivedSeed(PlanRequest request) {
        return Objects.hash(request.position(), request.equipmentOrEmpty(), request.minSeconds(), request.maxSeconds(),
                request.focusOrEmpty(), request.avoidOrEmpty(), request.recentOrEmpty());
    }
}
