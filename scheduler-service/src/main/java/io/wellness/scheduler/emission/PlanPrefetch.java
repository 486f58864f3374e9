package io.wellness.scheduler.emission;

import io.wellness.scheduler.plan.PlanStore;
import io.wellness.scheduler.repository.CompanyPolicy;
import io.wellness.scheduler.repository.ScheduleQueries;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * Resolves the exercise plans of the breaks due next before they are due, so the emitter finds them in the cache and
 * never waits for the catalog (or its token) while it holds a batch's row locks. Reads without locking: a break
 * missed here is planned by the emitter as before.
 */
public class PlanPrefetch {
    private static final String UPCOMING = "select " + ScheduleQueries.SCHEDULE_COLUMNS + """
            , s.next_due_at
            from break_schedule s
            join employee e on e.id = s.employee_id
            left join employee_settings st on st.employee_id = s.employee_id
            where s.next_due_at > ? and s.next_due_at <= ?
            order by s.next_due_at
            limit ?""";

    private final DataSource dataSource;
    private final PlanStore plans;
    private final int sample;

    /** {@code sample}: how many of the next breaks are looked at per round. */
    public PlanPrefetch(DataSource dataSource, PlanStore plans, int sample) {
        this.dataSource = dataSource;
        this.plans = plans;
        this.sample = sample;
    }

    /** Plans the breaks due in {@code (now, now + ahead]}; returns how many distinct plans they need. */
    public int prefetch(Instant now, Duration ahead) throws SQLException {
        BreakPlanNeeds needs = new BreakPlanNeeds();
        try (Connection connection = dataSource.getConnection()) {
            CompanyPolicy policy = ScheduleQueries.policy(connection);
            try (PreparedStatement ps = connection.prepareStatement(UPCOMING)) {
                ps.setObject(1, ScheduleQueries.utc(now));
                ps.setObject(2, ScheduleQueries.utc(now.plus(ahead)));
                ps.setInt(3, sample);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        var schedule = ScheduleQueries.schedule(rs, policy);
                        if (schedule.active() && !schedule.optedOut()) {
                            needs.keyOf(schedule, rs.getTimestamp("next_due_at").toInstant());
                        }
                    }
                }
            }
        }
        if (!needs.isEmpty()) {
            plans.resolve(needs.needs());
        }
        return needs.needs().size();
    }
}
