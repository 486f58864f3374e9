package io.wellness.scheduler.emission;

import io.wellness.scheduler.plan.PlanProfile;
import io.wellness.scheduler.plan.PlanStore;
import io.wellness.scheduler.service.EmployeeSchedule;
import io.wellness.scheduler.timing.BreakTimer;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The plans a set of breaks needs: one per (preference profile, local day, rotation slot). A batch of thousands of
 * breaks holds a handful of distinct needs, so each profile and key (a hash each) is computed once per batch.
 */
final class BreakPlanNeeds {
    private final Map<List<Object>, PlanProfile> profiles = new HashMap<>();
    private final Map<PlanStore.PlanNeed, String> keys = new HashMap<>();

    /** The plan key of the employee's break due at {@code due}; the need is remembered. */
    String keyOf(EmployeeSchedule schedule, Instant due) {
        ZonedDateTime local = due.atZone(schedule.zone());
        // the grid index of the break within the day: consecutive breaks get consecutive slots
        long offset = BreakTimer.offsetOf(schedule.employeeId(), schedule.interval()).toSeconds();
        int slot = (int) Math.floorDiv(local.toLocalTime().toSecondOfDay() - offset, schedule.interval().toSeconds());
        PlanProfile profile = profiles.computeIfAbsent(Arrays.asList(schedule.position(), schedule.equipment(),
                schedule.focusRegions(), schedule.avoid()), k -> new PlanProfile(schedule.position(),
                schedule.equipment(), schedule.focusRegions(), schedule.avoid()));
        PlanStore.PlanNeed need = new PlanStore.PlanNeed(profile, local.toLocalDate(), slot);
        return keys.computeIfAbsent(need, PlanStore.PlanNeed::key);
    }

    Collection<PlanStore.PlanNeed> needs() {
        return keys.keySet();
    }

    boolean isEmpty() {
        return keys.isEmpty();
    }
}
