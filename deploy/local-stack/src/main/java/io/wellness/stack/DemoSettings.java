package io.wellness.stack;

import java.util.Map;

/**
 * Settings that make the local demo lively: a newcomer sees a break arrive within two minutes. Only the local stack
 * passes these; production keeps the scheduler's defaults (45-minute interval, real time).
 */
final class DemoSettings {
    private DemoSettings() {
    }

    static Map<String, String> scheduler() {
        return Map.of(
                "WELLNESS_SCHEDULER_DEMO_MODE", "true");
    }
}
