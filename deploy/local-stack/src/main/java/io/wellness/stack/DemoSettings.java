package io.wellness.stack;

import java.util.Map;

/**
 * Settings that make the local demo lively: a newcomer sees a break arrive within two minutes. Only the local stack
 * passes these; production keeps the scheduler's defaults (45-minute interval within the policy, real time, roster
 * synced every 10 minutes). The scheduler reads them as wellness.scheduler.demo.* and wellness.scheduler.roster.*.
 */
final class DemoSettings {
    private DemoSettings() {
    }

    static Map<String, String> scheduler() {
        return Map.of(
                // synced employees get a break every 2 minutes around the clock (outside the 20-90 minute policy)
                "WELLNESS_SCHEDULER_DEMO_ENABLED", "true",
                "WELLNESS_SCHEDULER_DEMO_INTERVAL", "PT2M",
                // a user added in Keycloak is on the roster within half a minute
                "WELLNESS_ROSTER_SYNC_EVERY", "30s");
    }
}
