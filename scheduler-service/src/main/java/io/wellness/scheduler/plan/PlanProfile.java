package io.wellness.scheduler.plan;

import io.wellness.common.events.DeterministicIds;

import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;

/**
 * What a plan depends on. Employees with the same profile share plans: one catalog call per profile, day and rotation
 * slot instead of one per break.
 */
public record PlanProfile(String position, List<String> equipment, List<String> focusRegions, List<String> avoid) {
    public PlanProfile {
        equipment = sorted(equipment);
        focusRegions = sorted(focusRegions);
        avoid = sorted(avoid);
    }

    /** Short stable id of the profile (UUID v5 of its canonical text). */
    public String id() {
        return DeterministicIds.nameBased("profile|" + position + "|" + equipment + "|" + focusRegions + "|" + avoid).toString();
    }

    public String planKey(LocalDate day, int slot) {
        return id() + "|" + day + "|" + slot;
    }

    private static List<String> sorted(List<String> values) {
        return values == null ? List.of() : List.copyOf(new TreeSet<>(values));
    }
}
