package io.wellness.scheduler.delivery.channel;

/** A token bucket's shape: sustained rate and burst size. */
public record RateLimits(double perSecond, int burst) {
    public RateLimits {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("a rate limit needs a positive rate and a burst of at least 1");
        }
    }
}
