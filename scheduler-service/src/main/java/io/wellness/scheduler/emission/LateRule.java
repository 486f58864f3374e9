package io.wellness.scheduler.emission;

import java.time.Duration;
import java.time.Instant;

/**
 * Which overdue breaks are still sent. A break missed while no emitter ran (downtime, a database outage) is sent only
 * within the late grace: after downtime only the next break counts, never a late burst. A break that came due while
 * this emitter was running without interruption and only waited behind a burst of others is backlog: it is still sent
 * up to the backlog grace late. The emitter counts as interrupted when a batch failed or when no batch started for
 * longer than the backlog grace (a suspended process).
 */
final class LateRule {
    private final Duration lateGrace;
    private final Duration backlogGrace;
    private Instant runningSince;
    private Instant lastPoll;

    LateRule(Duration lateGrace, Duration backlogGrace) {
        this.lateGrace = lateGrace;
        this.backlogGrace = backlogGrace.compareTo(lateGrace) > 0 ? backlogGrace : lateGrace;
    }

    /** The rule for one batch claimed at {@code now}. */
    synchronized Poll poll(Instant now) {
        if (runningSince == null || lastPoll == null || Duration.between(lastPoll, now).compareTo(backlogGrace) > 0) {
            runningSince = now;
        }
        if (lastPoll == null || now.isAfter(lastPoll)) {
            lastPoll = now;
        }
        return new Poll(now, now.minus(lateGrace), runningSince, now.minus(backlogGrace));
    }

    /** A batch failed: whatever comes due until the next batch succeeds started is missed, not backlog. */
    synchronized void interrupted() {
        runningSince = null;
    }

    /** How old the oldest break that may still be sent can be. */
    Duration widestGrace() {
        return backlogGrace;
    }

    record Poll(Instant now, Instant graceFrom, Instant runningSince, Instant backlogFrom) {
        /** Whether a break due at {@code due} is still sent at {@link #now}. */
        boolean stillSent(Instant due) {
            return !due.isBefore(graceFrom) || (!due.isBefore(runningSince) && !due.isBefore(backlogFrom));
        }
    }
}
