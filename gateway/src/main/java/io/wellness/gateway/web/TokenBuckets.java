package io.wellness.gateway.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets keyed by caller (user id or IP). {@link #tryTake} answers 0 when the request may pass, otherwise
 * how many whole seconds until one token is back (the Retry-After value).
 */
public final class TokenBuckets {
    private final long capacity;
    private final double refillPerNano;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public TokenBuckets(long capacity, double refillPerSecond) {
        if (capacity < 1 || refillPerSecond <= 0) {
            throw new IllegalArgumentException("a bucket needs capacity >= 1 and a positive refill rate");
        }
        this.capacity = capacity;
        this.refillPerNano = refillPerSecond / 1_000_000_000d;
    }

    public long tryTake(String key, long nowNanos) {
        return buckets.computeIfAbsent(key, k -> new Bucket(capacity, nowNanos)).take(nowNanos);
    }

    /** Forgets buckets untouched for {@code idleNanos}: a full bucket carries no information. */
    public void evictIdle(long nowNanos, long idleNanos) {
        buckets.values().removeIf(b -> b.idleSince(nowNanos) > idleNanos);
    }

    public int size() {
        return buckets.size();
    }

    private final class Bucket {
        private double tokens;
        private long updated;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }

        synchronized long take(long now) {
            tokens = Math.min(capacity, tokens + (now - updated) * refillPerNano);
            updated = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            double missingNanos = (1 - tokens) / refillPerNano;
            return Math.max(1, (long) Math.ceil(missingNanos / 1_000_000_000d));
        }

        synchronized long idleSince(long now) {
            return now - updated;
        }
    }
}
