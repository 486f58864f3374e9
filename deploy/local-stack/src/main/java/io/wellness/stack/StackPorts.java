package io.wellness.stack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The local stack's fixed ports (README: "Ports"). {@code WELLNESS_PORT_OFFSET} shifts them all, so a second copy
 * (a test, a demo next to a running stack) can run beside the first.
 */
public record StackPorts(int offset) {
    public static StackPorts fromEnvironment() {
        String offset = System.getenv("WELLNESS_PORT_OFFSET");
        return new StackPorts(offset == null || offset.isBlank() ? 0 : Integer.parseInt(offset.trim()));
    }

    public int gateway() {
        return 8080 + offset;
    }

    public int catalog() {
        return 8081 + offset;
    }

    public int scheduler() {
        return 8082 + offset;
    }

    public int tracking() {
        return 8083 + offset;
    }

    public int keycloak() {
        return 8180 + offset;
    }

    public int keycloakManagement() {
        return 9180 + offset;
    }

    public int postgres() {
        return 5433 + offset;
    }

    public int kafka() {
        return 9092 + offset;
    }

    public int kafkaController() {
        return 9093 + offset;
    }

    public Map<String, Integer> all() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("PostgreSQL", postgres());
        ports.put("Kafka", kafka());
        ports.put("Kafka controller", kafkaController());
        ports.put("Keycloak", keycloak());
        ports.put("Keycloak management", keycloakManagement());
        ports.put("gateway", gateway());
        ports.put("catalog-service", catalog());
        ports.put("scheduler-service", scheduler());
        ports.put("tracking-service", tracking());
        return ports;
    }
}
