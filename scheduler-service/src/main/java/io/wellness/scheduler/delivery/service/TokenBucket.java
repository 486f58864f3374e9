package io.wellness.scheduler.delivery.service;

import io.wellness.scheduler.delivery.channel.RateLimits;

/**
 * A token bucket that hands out reservations: a caller takes a token now and learns how long to wait for it, so
 * callers are served in arrival order and nobody spins. Time is in nanoseconds from {@link System#nanoTime()}.
 */
final class TokenBucket {
    private final double tokensPerNano;
    private final double capacity;
    private double tokens;
    private long lastRefill;
    private long lastReserve;

    TokenBucket(RateLimits limits, long now) {
        this.tokensPerNano = limits.perSecond() / 1_000_000_000d;
        this.capacity = limits.burst();
        this.tokens = capacity;
        this.lastRefill = now;
        this.lastReserve = now;
    }

    /** Takes one token; returns the nanoseconds to wait before using it (0 when one was available). */
    synchronized long reserve(long now) {
        refill(now);
        lastReserve = now;
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / tokensPerNano);
    }

    /** Full and unused for {@code idleNanos}: dropping it and creating a fresh one later changes nothing. */
    synchronized boolean idle(long now, long idleNanos) {
        refill(now);
        return tokens >= capacity && now - lastReserve > idleNanos;
    }

    private void refill(long now) {
        if (now > lastRefill) {
            tokens = Math.min(capacity, tokens + (now - lastRefill) * tokensPerNano);
            lastRefill = now;
        }
    }
}
