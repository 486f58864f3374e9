package io.wellness.scheduler.delivery.rest;

import io.smallrye.mutiny.subscription.MultiEmitter;
import io.wellness.scheduler.delivery.repository.InboxItem;
import io.wellness.scheduler.delivery.repository.InboxRepository;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * One open inbox stream: re-reads the employee's changed inbox rows when told to (on connect, then on each
 * change notification) and emits what it has not sent yet. Signals arriving during a read coalesce into one
 * more read, so a burst of changes costs a couple of queries, not one each.
 */
final class InboxStream {
    private static final int MAX_ITEMS = 200;
    /** Rows committed slightly out of order are still caught by re-reading this far behind the cursor. */
    private static final Duration OVERLAP = Duration.ofSeconds(2);

    private final String employeeId;
    private final InboxRepository inbox;
    private final Function<InboxItem, InboxEntry> toEntry;
    private final MultiEmitter<? super InboxEntry> emitter;
    private final Executor executor;
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final AtomicBoolean reading = new AtomicBoolean();
    /** Only touched by the one read running at a time. */
    private final Map<String, Instant> sent = new HashMap<>();
    private Instant cursor;

    InboxStream(String employeeId, Instant catchUpFrom, InboxRepository inbox, Function<InboxItem, InboxEntry> toEntry,
                MultiEmitter<? super InboxEntry> emitter, Executor executor) {
        this.employeeId = employeeId;
        this.cursor = catchUpFrom.plus(OVERLAP);
        this.inbox = inbox;
        this.toEntry = toEntry;
        this.emitter = emitter;
        this.executor = executor;
    }

    /** Something of this employee's inbox may have changed: read (now, or right after the running read). */
    void changed() {
        dirty.set(true);
        if (reading.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        while (true) {
            dirty.set(false);
            if (emitter.isCancelled()) {
                reading.set(false);
                return;
            }
            try {
                emitChanges();
            } catch (SQLException | RuntimeException e) {
                reading.set(false);
                emitter.fail(new IllegalStateException("inbox not readable", e));
                return;
            }
            reading.set(false);
            if (!dirty.get() || !reading.compareAndSet(false, true)) {
                return;
            }
        }
    }

    private void emitChanges() throws SQLException {
        Instant newest = cursor;
        for (InboxItem item : inbox.changedAfter(employeeId, cursor.minus(OVERLAP), MAX_ITEMS)) {
            if (sent.put(item.breakId() + ":" + item.snoozeCount() + ":" + item.updatedAt(), item.updatedAt()) == null) {
                emitter.emit(toEntry.apply(item));
            }
            newest = item.updatedAt().isAfter(newest) ? item.updatedAt() : newest;
        }
        cursor = newest;
        Instant forgetBefore = newest.minus(OVERLAP.multipliedBy(2));
        sent.values().removeIf(updatedAt -> updatedAt.isBefore(forgetBefore));
    }
}
