package io.wellness.scheduler.delivery.channel;

import java.time.Duration;
import java.util.Optional;

/**
 * A delivery attempt that did not reach the employee. {@code retryable} failures are tried again with backoff
 * ({@code retryAfter} when the chat API said how long to wait); the others go straight to the dead-letter topic.
 * The reason never contains a secret: channels build it from status codes and API error names only.
 */
public class DeliveryFailure extends Exception {
    private final boolean retryable;
    private final Duration retryAfter;

    private DeliveryFailure(String reason, boolean retryable, Duration retryAfter) {
        super(reason, null, false, false);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public static DeliveryFailure retryable(String reason) {
        return new DeliveryFailure(reason, true, null);
    }

    public static DeliveryFailure rateLimited(String reason, Duration retryAfter) {
        return new DeliveryFailure(reason, true, retryAfter);
    }

    public static DeliveryFailure permanent(String reason) {
        return new DeliveryFailure(reason, false, null);
    }

    public boolean retryable() {
        return retryable;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
