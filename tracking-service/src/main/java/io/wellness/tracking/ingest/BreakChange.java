package io.wellness.tracking.ingest;

import java.time.LocalDate;
import java.util.List;

/**
 * How one offered break's contribution to the rollups changes: from {@code before} to {@code after}, and whether it
 * is counted as offered for the first time. Pending breaks (not offered yet) never produce a change.
 */
public record BreakChange(String team, LocalDate localDay, int localHour, String employeeId, boolean newlyOffered,
                          BreakStatus before, BreakStatus after, List<String> completedExercises) {

    public boolean newlyCompleted() {
        return after == BreakStatus.COMPLETED && (newlyOffered || before != BreakStatus.COMPLETED);
    }
}
