package io.wellness.scheduler.delivery.service;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Who is watching whose inbox on this replica. A change of an employee's inbox (announced by PostgreSQL
 * NOTIFY, so it works whichever replica wrote it) wakes only that employee's open streams.
 */
@ApplicationScoped
public class InboxBroadcast {
    private final ConcurrentMap<String, Set<Runnable>> watchers = new ConcurrentHashMap<>();

    /** Calls {@code onChange} on every change of the employee's inbox until the returned handle is closed. */
    public AutoCloseable watch(String employeeId, Runnable onChange) {
        watchers.compute(employeeId, (id, set) -> {
            Set<Runnable> all = set == null ? ConcurrentHashMap.newKeySet() : set;
            all.add(onChange);
            return all;
        });
        return () -> watchers.computeIfPresent(employeeId, (id, set) -> {
            set.remove(onChange);
            return set.isEmpty() ? null : set;
        });
    }

    public void changed(String employeeId) {
        Set<Runnable> set = watchers.get(employeeId);
        if (set != null) {
            set.forEach(Runnable::run);
        }
    }

    /** After missed notifications (the listening connection was down) every open stream re-reads. */
    public void everythingMayHaveChanged() {
        watchers.values().forEach(set -> set.forEach(Runnable::run));
    }

    public boolean watched(String employeeId) {
        return watchers.containsKey(employeeId);
    }
}
