package io.wellness.scheduler.rest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.wellness.common.problem.Problem;
import io.wellness.common.problem.ProblemException;
import io.wellness.common.security.Caller;
import io.wellness.scheduler.repository.ScheduleQueries;
import io.wellness.scheduler.service.EmployeeSchedule;
import io.wellness.scheduler.service.ScheduleService;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

/** When the caller's next breaks are due. */
@Path("/api/scheduler/me/next-breaks")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class NextBreaksResource {
    static final int MAX_COUNT = 50;

    public record UpcomingBreak(Instant dueAt, LocalDateTime localTime, String timeZone) {
    }

    @Inject
    SecurityIdentity identity;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ScheduleService schedules;

    @Inject
    Clock clock;

    @GET
    @Transactional
    @Operation(summary = "The caller's upcoming break times (at most 50)")
    public List<UpcomingBreak> next(@QueryParam("count") @DefaultValue("5") int count) throws SQLException {
        if (count < 1 || count > MAX_COUNT) {
            throw ProblemException.badRequest("invalid count", List.of(new Problem.FieldError("count", "between 1 and " + MAX_COUNT)));
        }
        String me = Caller.of(identity).id();
        try (Connection connection = dataSource.getConnection()) {
            EmployeeSchedule schedule = ScheduleQueries.schedule(connection, me);
            if (schedule == null) {
                throw ProblemException.notFound("Employee", me);
            }
            return schedules.upcoming(connection, schedule, clock.instant(), count).stream()
                    .map(due -> new UpcomingBreak(due, LocalDateTime.ofInstant(due, schedule.zone()), schedule.zone().getId()))
                    .toList();
        }
    }
}
