package io.wellness.tracking.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.wellness.common.problem.ProblemException;
import io.wellness.common.security.Caller;
import io.wellness.common.security.Roles;
import io.wellness.tracking.ingest.PeriodUnit;
import io.wellness.tracking.mapping.DashboardCsv;
import io.wellness.tracking.service.DashboardService;
import io.wellness.tracking.service.PrivacyRules;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Participation dashboards: aggregates only, never an individual's records. {@code team-lead}: the teams of their
 * token's {@code groups}; {@code hr}: every team and the company. CSV with {@code Accept: text/csv} or the
 * {@code export.csv} paths.
 */
@Path("/api/tracking/dashboards")
@RolesAllowed({Roles.HR, Roles.TEAM_LEAD})
public class DashboardResource {
    static final String CSV = "text/csv";
    private static final Pattern TEAM = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final String DESCRIPTION = "period=day|week|month (default week); from/to are ISO dates (defaults: the "
            + "last 30 days, 12 weeks or 12 months up to today) rounded down to their period's start; at most 366 days, "
            + "106 weeks or 60 months. ";

    @Inject
    SecurityIdentity identity;

    @Inject
    DashboardService dashboards;

    @GET
    @Path("/teams/{team}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One team's participation series, hour-of-day heat map and most done exercises",
            description = DESCRIPTION + PrivacyRules.DESCRIPTION)
    public DashboardService.Dashboard team(@PathParam("team") String team, @QueryParam("period") String period,
                                           @QueryParam("from") String from, @QueryParam("to") String to) {
        DashboardService.Range range = range(period, from, to, team);
        requireTeam(team);
        return dashboards.team(team, range);
    }

    @GET
    @Path("/teams/{team}")
    @Produces(CSV)
    @Operation(summary = "One team's participation series as CSV")
    public Response teamCsv(@PathParam("team") String team, @QueryParam("period") String period,
                            @QueryParam("from") String from, @QueryParam("to") String to) {
        return csv(DashboardCsv.of(team(team, period, from, to)), "team-" + team);
    }

    @GET
    @Path("/teams/{team}/export.csv")
    @Produces(CSV)
    @Operation(summary = "One team's participation series as CSV")
    public Response teamExport(@PathParam("team") String team, @QueryParam("period") String period,
                               @QueryParam("from") String from, @QueryParam("to") String to) {
        return teamCsv(team, period, from, to);
    }

    @GET
    @Path("/company")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.HR)
    @Operation(summary = "The whole company's participation series, heat map and most done exercises (hr)",
            description = DESCRIPTION + PrivacyRules.DESCRIPTION)
    public DashboardService.Dashboard company(@QueryParam("period") String period, @QueryParam("from") String from,
                                              @QueryParam("to") String to) {
        return dashboards.company(range(period, from, to, null));
    }

    @GET
    @Path("/company")
    @Produces(CSV)
    @RolesAllowed(Roles.HR)
    @Operation(summary = "The whole company's participation series as CSV (hr)")
    public Response companyCsv(@QueryParam("period") String period, @QueryParam("from") String from, @QueryParam("to") String to) {
        return csv(DashboardCsv.of(company(period, from, to)), "company");
    }

    @GET
    @Path("/company/export.csv")
    @Produces(CSV)
    @RolesAllowed(Roles.HR)
    @Operation(summary = "The whole company's participation series as CSV (hr)")
    public Response companyExport(@QueryParam("period") String period, @QueryParam("from") String from, @QueryParam("to") String to) {
        return companyCsv(period, from, to);
    }

    @GET
    @Path("/teams")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Table of teams: each visible team's series (hr: all teams; team-lead: their own)",
            description = DESCRIPTION + PrivacyRules.DESCRIPTION)
    public DashboardService.TeamsTable teams(@QueryParam("period") String period, @QueryParam("from") String from,
                                             @QueryParam("to") String to) {
        DashboardService.Range range = range(period, from, to, null);
        Caller caller = Caller.of(identity);
        return dashboards.teams(range, team -> caller.hasRole(Roles.HR) || caller.teams().contains(team));
    }

    @GET
    @Path("/teams")
    @Produces(CSV)
    @Operation(summary = "Table of teams as CSV")
    public Response teamsCsv(@QueryParam("period") String period, @QueryParam("from") String from, @QueryParam("to") String to) {
        return csv(DashboardCsv.of(teams(period, from, to)), "teams");
    }

    @GET
    @Path("/teams/export.csv")
    @Produces(CSV)
    @Operation(summary = "Table of teams as CSV")
    public Response teamsExport(@QueryParam("period") String period, @QueryParam("from") String from, @QueryParam("to") String to) {
        return teamsCsv(period, from, to);
    }

    private void requireTeam(String team) {
        Caller caller = Caller.of(identity);
        if (!caller.hasRole(Roles.HR) && !caller.teams().contains(team)) {
            throw ProblemException.forbidden("team leads see only the teams they lead");
        }
    }

    private static Response csv(String body, String name) {
        return Response.ok(body, CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"tracking-" + name + ".csv\"").build();
    }

    static DashboardService.Range range(String period, String from, String to, String team) {
        FieldErrors errors = new FieldErrors();
        PeriodUnit unit = period == null || period.isBlank() ? PeriodUnit.WEEK : PeriodUnit.fromWire(period);
        if (unit == null) {
            errors.add("period", "must be day, week or month");
            unit = PeriodUnit.WEEK;
        }
        if (team != null && !TEAM.matcher(team).matches()) {
            errors.add("team", "must be a team name (lower-case letters, digits, - and _; at most 64)");
        }
        LocalDate toDay = date(errors, "to", to, LocalDate.now(ZoneOffset.UTC));
        LocalDate defaultFrom = switch (unit) {
            case DAY -> toDay.minusDays(29);
            case WEEK -> toDay.minusWeeks(11);
            case MONTH -> toDay.minusMonths(11);
        };
        LocalDate fromDay = date(errors, "from", from, defaultFrom);
        LocalDate fromStart = unit.startOf(fromDay);
        LocalDate toStart = unit.startOf(toDay);
        if (fromStart.isAfter(toStart)) {
            errors.add("from", "must not be after to");
        } else {
            int max = switch (unit) {
                case DAY -> 366;
                case WEEK -> 106;
                case MONTH -> 60;
            };
            int count = 0;
            for (LocalDate s = fromStart; !s.isAfter(toStart) && count <= max; s = unit.next(s)) {
                count++;
            }
            if (count > max) {
                errors.add("to", "the range holds more than " + max + " periods of one " + unit.wireName());
            }
        }
        errors.throwIfAny();
        return new DashboardService.Range(unit, fromStart, toStart);
    }

    private static LocalDate date(FieldErrors errors, String field, String raw, LocalDate defaultValue) {
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            return LocalDate.parse(raw.trim());
        } catch (DateTimeParseException e) {
            errors.add(field, "must be an ISO date (yyyy-mm-dd)");
            return defaultValue;
        }
    }
}
