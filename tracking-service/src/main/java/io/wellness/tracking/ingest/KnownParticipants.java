package io.wellness.tracking.ingest;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Participant rows and cell markers known to be committed (an employee already active in a period, already behind a
 * heat-map or exercise cell), so repeated completions skip their database probe. Filled only after a commit, so a
 * rolled-back batch leaves nothing here; bounded (cleared when full: a miss only costs the probe). A stale entry can
 * only make a count lower, never higher.
 */
@ApplicationScoped
public class KnownParticipants {
    static final int MAX_ENTRIES = 200_000;

    private final Set<Object> known = ConcurrentHashMap.newKeySet();

    public boolean contains(Object key) {
        return known.contains(key);
    }

    public void rememberAll(Collection<?> keys) {
        if (known.size() + keys.size() > MAX_ENTRIES) {
            known.clear();
        }
        known.addAll(keys);
    }

    /** After an erasure: the erased employee's markers no longer carry their id. */
    public void forgetAll() {
        known.clear();
    }
}
