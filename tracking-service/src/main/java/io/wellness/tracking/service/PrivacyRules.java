package io.wellness.tracking.service;

import java.util.Comparator;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Small-group suppression (k = {@code wellness.tracking.privacy.min-group-size}, default 5, never below 3).
 *
 * <ol>
 *   <li>Only fixed calendar periods are aggregated and released: a day, an ISO week (Monday to Sunday) or a calendar
 *       month of the employee's local time. Arbitrary ranges are never summed, so two overlapping ranges cannot be
 *       subtracted.</li>
 *   <li>Primary: a team's period is suppressed when fewer than k distinct employees were offered a break in it.</li>
 *   <li>Company differencing: the company figure is the sum of the teams. When the suppressed teams of a period
 *       together hold fewer than k employees, the smallest released team is suppressed too (complementary
 *       suppression), so "company minus the released teams" always concerns at least k people; the company figure
 *       itself is suppressed when the company has fewer than k employees in the period. The same suppression is
 *       applied for every viewer, so the team lead and HR see the same cells.</li>
 *   <li>Overlapping granularities: a week or a month is the union of its days. Subtracting its released days leaves
 *       exactly its suppressed days, so a team's week or month is suppressed when the people behind its suppressed
 *       days number between 1 and k-1, or when one of those days was suppressed as a complement (releasing it would
 *       let the company day reveal the small team it protects). The company's week or month likewise when the
 *       people of its suppressed days number between 1 and k-1.</li>
 * </ol>
 * Heat map cells and exercise counts: each (team, period, hour) and (team, period, exercise) cell counts the distinct
 * employees behind it (participant markers, counted once). Only cells of at least k distinct employees enter a sum,
 * and only over released periods, so every figure shown concerns at least k people and no sum or difference of sums
 * isolates a smaller cell; an hour without such a cell is suppressed, an exercise without one is left out.
 */
public final class PrivacyRules {
    public static final String DESCRIPTION = "Figures about fewer than k distinct employees (wellness.tracking.privacy."
            + "min-group-size, default 5, at least 3) are returned as {\"suppressed\": true}, never as 0. Only fixed calendar "
            + "periods are released (day, ISO week from Monday, calendar month; ranges are series of such periods, never "
            + "summed). If the suppressed teams of a period together have fewer than k employees, the smallest released "
            + "team is suppressed too, so the company total cannot reveal them; the company figure is suppressed below k "
            + "employees. A week or month is suppressed when the people behind its suppressed days are between 1 and k-1 "
            + "or one of them is a complementary suppression, so subtracting released days from it reveals no small group. Heat-map cells and exercise counts are summed "
            + "over released periods only, from the cells (team, period, hour or exercise) of at least k distinct employees; smaller cells enter no sum.";

    private PrivacyRules() {
    }

    /**
     * The teams suppressed in one period: primary (fewer than k employees, or {@code alsoSuppressed}) plus, when
     * those hold fewer than k employees together, the smallest released team.
     */
    public static Set<String> suppressedTeams(Map<String, Integer> employeesByTeam, Set<String> alsoSuppressed, int k) {
        Set<String> suppressed = new HashSet<>();
        int suppressedEmployees = 0;
        for (Map.Entry<String, Integer> team : employeesByTeam.entrySet()) {
            if (team.getValue() < k || alsoSuppressed.contains(team.getKey())) {
                suppressed.add(team.getKey());
                suppressedEmployees += team.getValue();
            }
        }
        if (suppressedEmployees > 0 && suppressedEmployees < k) {
            employeesByTeam.entrySet().stream()
                    .filter(team -> !suppressed.contains(team.getKey()))
                    .min(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.naturalOrder())))
                    .ifPresent(team -> suppressed.add(team.getKey()));
        }
        return suppressed;
    }

    /**
     * Whether releasing a week or month would expose its suppressed days (the period minus its released days):
     * a small group of people, or a complementary cell that protects a small team of the same day.
     */
    public static boolean suppressedDaysExposed(int people, boolean anyComplementary, int k) {
        return anyComplementary || revealsSmallGroup(people, k);
    }

    /** Whether a difference concerning this many distinct people would reveal a small group. */
    public static boolean revealsSmallGroup(int distinctPeople, int k) {
        return distinctPeople > 0 && distinctPeople < k;
    }
}
