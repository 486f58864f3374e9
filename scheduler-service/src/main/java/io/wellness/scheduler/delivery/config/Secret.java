package io.wellness.scheduler.delivery.config;

/**
 * A token, signing secret or webhook URL from configuration. Its {@code toString} is masked, so logging a
 * configuration object or an exception message never prints the value.
 */
public record Secret(String value) {
    public Secret {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a secret must not be blank");
        }
    }

    @Override
    public String toString() {
        return "****";
    }
}
