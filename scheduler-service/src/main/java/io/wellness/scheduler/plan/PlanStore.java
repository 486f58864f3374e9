package io.wellness.scheduler.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.wellness.common.events.BreakDueEvent;
import io.wellness.common.events.DeterministicIds;
import io.wellness.scheduler.config.SchedulerConfig;
import io.wellness.scheduler.repository.ScheduleQueries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Exercise plans per (profile, day, rotation slot): kept in memory, shared through the break_plan table (so every
 * replica sends the same plan), asked from the catalog only when neither has it. Slots of one profile and day are
 * planned with the exercises of its earlier slots as {@code recent}, so an exercise does not repeat within a day
 * while others fit.
 */
@ApplicationScoped
public class PlanStore {
    private static final int MAX_CACHED = 20_000;
    /** How long a plan the catalog could not give stays the built-in one before the catalog is asked again. */
    private static final long FALLBACK_NANOS = java.time.Duration.ofMinutes(1).toNanos();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    CatalogPlans catalog;

    @Inject
    ObjectMapper json;

    @Inject
    SchedulerConfig config;

    private final Map<String, String> plans = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_CACHED;
        }
    };

    /**
     * Keys the catalog had no plan for (nothing fits, or it was unavailable), with when that was learnt: while fresh,
     * such breaks get the built-in plan without asking again, so a catalog outage costs one call per key and minute,
     * not one per batch, and never stalls emission.
     */
    private final Map<String, Long> fallbacks = new java.util.concurrent.ConcurrentHashMap<>();

    /** A plan an employee's break needs. */
    public record PlanNeed(PlanProfile profile, LocalDate day, int slot) {
        public String key() {
            return profile.planKey(day, slot);
        }
    }

    /** For each need's key, the key of the plan to send: its own, or the built-in plan's when the catalog has none. */
    public Map<String, String> resolve(Collection<PlanNeed> needs) throws SQLException {
        Map<String, String> resolved = new HashMap<>();
        Map<String, PlanNeed> missing = new LinkedHashMap<>();
        for (PlanNeed need : needs) {
            String key = need.key();
            if (!resolved.containsKey(key)) {
                if (cached(key) != null) {
                    resolved.put(key, key);
                } else if (recentFallback(key)) {
                    resolved.put(key, BuiltInPlan.KEY);
                } else {
                    missing.put(key, need);
                }
            }
        }
        if (missing.isEmpty()) {
            return resolved;
        }
        try (Connection connection = dataSource.getConnection()) {
            load(connection, missing.keySet());
            List<PlanNeed> toPlan = new ArrayList<>();
            for (PlanNeed need : missing.values()) {
                if (cached(need.key()) != null) {
                    resolved.put(need.key(), need.key());
                } else {
                    toPlan.add(need);
                }
            }
            toPlan.sort(Comparator.comparing((PlanNeed n) -> n.profile().id()).thenComparing(PlanNeed::day)
                    .thenComparingInt(PlanNeed::slot));
            for (PlanNeed need : toPlan) {
                resolved.put(need.key(), planFromCatalog(connection, need));
            }
        }
        return resolved;
    }

    /** The plans (JSON of {@link BreakDueEvent.Plan}) of the given keys. */
    public Map<String, String> planJson(Collection<String> keys) throws SQLException {
        Map<String, String> result = new HashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        for (String key : keys) {
            String plan = BuiltInPlan.KEY.equals(key) ? builtIn() : cached(key);
            if (plan != null) {
                result.put(key, plan);
            } else {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            try (Connection connection = dataSource.getConnection()) {
                load(connection, missing);
            }
            for (String key : missing) {
                String plan = cached(key);
                if (plan == null) {
                    throw new IllegalStateException("plan " + key + " is referenced but not stored");
                }
                result.put(key, plan);
            }
        }
        return result;
    }

    private String planFromCatalog(Connection connection, PlanNeed need) throws SQLException {
        PlanProfile profile = need.profile();
        List<String> recent = exercisesEarlierToday(connection, need);
        long seed = DeterministicIds.nameBased("plan|" + need.key()).getMostSignificantBits() & Long.MAX_VALUE;
        String position = "any".equals(profile.position()) ? null : profile.position();
        var request = new CatalogPlansApi.PlanRequest(position, profile.equipment(),
                config.plans().minSeconds(), config.plans().maxSeconds(), profile.focusRegions(), profile.avoid(),
                recent, seed);
        var plan = catalog.plan(request);
        if (plan.isEmpty()) {
            if (fallbacks.size() >= MAX_CACHED) {
                fallbacks.clear();
            }
            fallbacks.put(need.key(), System.nanoTime());
            return BuiltInPlan.KEY;
        }
        fallbacks.remove(need.key());
        try (PreparedStatement ps = connection.prepareStatement(
                "insert into break_plan (plan_key, plan) values (?, ?::jsonb) on conflict (plan_key) do nothing")) {
            ps.setString(1, need.key());
            ps.setString(2, json.writeValueAsString(plan.get()));
            ps.executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // another replica may have stored its plan first: everyone sends the stored one
        load(connection, List.of(need.key()));
        return need.key();
    }

    private List<String> exercisesEarlierToday(Connection connection, PlanNeed need) throws SQLException {
        String prefix = need.profile().id() + "|" + need.day() + "|";
        Set<String> ids = new LinkedHashSet<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "select plan_key, plan::text from break_plan where plan_key like ? order by plan_key")) {
            ps.setString(1, prefix + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int slot = Integer.parseInt(rs.getString(1).substring(prefix.length()));
                    if (slot < need.slot()) {
                        for (JsonNode exercise : json.readTree(rs.getString(2)).path("exercises")) {
                            ids.add(exercise.path("id").asText());
                        }
                    }
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return List.copyOf(ids);
    }

    private void load(Connection connection, Collection<String> keys) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "select plan_key, plan::text from break_plan where plan_key = any (?)")) {
            ps.setArray(1, ScheduleQueries.textArray(connection, keys));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    synchronized (plans) {
                        plans.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
        }
    }

    private boolean recentFallback(String key) {
        Long learnt = fallbacks.get(key);
        return learnt != null && System.nanoTime() - learnt < FALLBACK_NANOS;
    }

    private String cached(String key) {
        synchronized (plans) {
            return plans.get(key);
        }
    }

    private String builtIn() {
        try {
            return json.writeValueAsString(BuiltInPlan.PLAN);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
