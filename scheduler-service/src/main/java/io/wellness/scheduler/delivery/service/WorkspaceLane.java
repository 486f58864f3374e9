package io.wellness.scheduler.delivery.service;

import io.wellness.scheduler.delivery.channel.RateLimits;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The queue of one workspace: its rate limits (workspace-wide and per recipient), its concurrency and a pause
 * after the chat API answered 429. Waiting happens on the delivery's own virtual thread, so a slow or limited
 * workspace holds back only its own deliveries.
 */
final class WorkspaceLane {
    private static final long IDLE_RECIPIENT_NANOS = TimeUnit.MINUTES.toNanos(2);

    private final TokenBucket workspaceBucket;
    private final ConcurrentMap<String, TokenBucket> recipientBuckets = new ConcurrentHashMap<>();
    private final Semaphore inFlight;
    private volatile long pausedUntil;

    WorkspaceLane(RateLimits workspaceLimits, int concurrency) {
        long now = System.nanoTime();
        this.workspaceBucket = new TokenBucket(workspaceLimits, now);
        this.inFlight = new Semaphore(concurrency, true);
        this.pausedUntil = now;
    }

    /** Waits for this workspace's and this recipient's rate limits, then for a free slot. */
    void enter(String recipient, Optional<RateLimits> recipientLimits) throws InterruptedException {
        long now = System.nanoTime();
        long wait = Math.max(0, pausedUntil - now);
        wait = Math.max(wait, workspaceBucket.reserve(now));
        if (recipientLimits.isPresent()) {
            TokenBucket bucket = recipientBuckets.computeIfAbsent(recipient, r -> new TokenBucket(recipientLimits.get(), now));
            wait = Math.max(wait, bucket.reserve(now));
        }
        sleep(wait);
        inFlight.acquire();
    }

    void leave() {
        inFlight.release();
    }

    /** The chat API asked to wait (429 Retry-After): no delivery of this workspace goes before then. */
    void pause(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        if (until - pausedUntil > 0) {
            pausedUntil = until;
        }
    }

    void forgetIdleRecipients() {
        long now = System.nanoTime();
        recipientBuckets.values().removeIf(bucket -> bucket.idle(now, IDLE_RECIPIENT_NANOS));
    }

    private static void sleep(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }
}
