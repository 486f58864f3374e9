package io.wellness.tracking.mapping;

import io.wellness.tracking.service.DashboardService;
import io.wellness.tracking.service.DashboardService.Figures;
import io.wellness.tracking.service.DashboardService.PeriodFigures;

import java.util.List;

/** The dashboards' period series as CSV: one line per team (or company) and period; suppressed cells stay empty. */
public final class DashboardCsv {
    static final String HEADER = "scope,team,period,start,end,suppressed,offered,completed,snoozed,skipped,"
            + "participation_rate,active_participants,employees\n";

    private DashboardCsv() {
    }

    public static String of(DashboardService.Dashboard dashboard) {
        StringBuilder csv = new StringBuilder(HEADER);
        lines(csv, dashboard.scope(), dashboard.team(), dashboard.period(), dashboard.series());
        return csv.toString();
    }

    public static String of(DashboardService.TeamsTable table) {
        StringBuilder csv = new StringBuilder(HEADER);
        table.teams().forEach(t -> lines(csv, "team", t.team(), table.period(), t.series()));
        return csv.toString();
    }

    private static void lines(StringBuilder csv, String scope, String team, String period, List<PeriodFigures> series) {
        for (PeriodFigures p : series) {
            csv.append(scope).append(',').append(team == null ? "" : escape(team)).append(',').append(period).append(',')
                    .append(p.start()).append(',').append(p.end()).append(',');
            if (p.figures() instanceof Figures f) {
                csv.append("false,").append(f.offered()).append(',').append(f.completed()).append(',').append(f.snoozed())
                        .append(',').append(f.skipped()).append(',').append(f.participationRate() == null ? "" : f.participationRate())
                        .append(',').append(f.activeParticipants()).append(',').append(f.employees());
            } else {
                csv.append("true,,,,,,,");
            }
            csv.append('\n');
        }
    }

    /** Quotes a value when needed; a leading formula character is neutralised (CSV injection in spreadsheets). */
    static String escape(String value) {
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n")) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }
}
