package io.wellness.tracking.rest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.wellness.common.events.BreakDueEvent;
import io.wellness.common.events.BreakOutcome;
import io.wellness.common.events.BreakOutcomeEvent;
import io.wellness.infra.quarkus.Tokens;
import io.wellness.tracking.ingest.ReceivedEvent;
import io.wellness.tracking.service.IngestService;
import io.wellness.tracking.support.Db;
import io.wellness.tracking.support.TrackingEvents;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Heat-map and exercise cells are released by the number of distinct employees behind them, not by the number of
 * breaks. Tuesday 12 August 2025, team "cells" (7 employees, released): five employees take one break each at 09:00
 * (exercise "five-people-roll"); two employees take five breaks each at 11:00 (exercise "two-people-stretch").
 */
@QuarkusTest
class CellPrivacyTest {
    private static final String TEAM = "/api/tracking/dashboards/teams/cells";

    @Inject
    IngestService ingest;

    @Inject
    AgroalDataSource ds;

    @BeforeEach
    void seed() {
        // seeding again replays the same events: the counts must not move (message log and participant markers)
        List<BreakDueEvent> dues = new ArrayList<>();
        List<BreakOutcomeEvent> outcomes = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            BreakDueEvent due = TrackingEvents.due("cells-five-" + i, "cells", Instant.parse("2025-08-12T09:00:00Z"), "UTC", 0,
                    "five-people-roll");
            dues.add(due);
            outcomes.add(TrackingEvents.outcome(due, BreakOutcome.COMPLETED, 0, due.dueAt().plusSeconds(60)));
        }
        for (int i = 1; i <= 2; i++) {
            for (int b = 0; b < 5; b++) {
                BreakDueEvent due = TrackingEvents.due("cells-two-" + i, "cells", Instant.parse("2025-08-12T11:00:00Z").plusSeconds(600L * b),
                        "UTC", 0, "two-people-stretch");
                dues.add(due);
                outcomes.add(TrackingEvents.outcome(due, BreakOutcome.COMPLETED, 0, due.dueAt().plusSeconds(60)));
            }
        }
        ingest.ingestDue(dues.stream().map(d -> new ReceivedEvent<>(TrackingEvents.dueMessageId(d), d)).toList());
        ingest.ingestOutcomes(outcomes.stream().map(o -> new ReceivedEvent<>(o.eventId(), o)).toList());
    }

    @Test
    void aHeatMapCellOfTenBreaksByTwoPeopleIsSuppressedAndOneOfFivePeopleIsShown() {
        JsonPath day = dashboard("day", "2025-08-12");
        assertThat(day.getMap("series[0].figures")).containsEntry("employees", 7).containsEntry("offered", 15);
        assertThat(day.getMap("heatMap[11].figures")).isEqualTo(Map.of("suppressed", true));
        assertThat(day.getMap("heatMap[9].figures")).containsEntry("offered", 5).containsEntry("completed", 5);
        // the month is a sum of cells of at least 5 people too
        JsonPath month = dashboard("month", "2025-08-01");
        assertThat(month.getMap("heatMap[11].figures")).isEqualTo(Map.of("suppressed", true));
        assertThat(month.getMap("heatMap[9].figures")).containsEntry("offered", 5);
    }

    @Test
    void anExerciseDoneTenTimesByTwoPeopleIsLeftOutOfTheTopList() {
        JsonPath day = dashboard("day", "2025-08-12");
        assertThat(day.getList("topExercises")).containsExactly(Map.of("exerciseId", "five-people-roll", "completed", 5));
    }

    @Test
    void cellsCountDistinctPeopleOnceWhateverTheReplays() {
        seed();
        assertThat(Db.rows(ds, "select unit, hour::int as hour, offered, completed, employees from team_hour_rollup where team = 'cells' "
                + "and unit = 'D' order by hour")).containsExactly(
                Map.of("unit", "D", "hour", 9, "offered", 5, "completed", 5, "employees", 5),
                Map.of("unit", "D", "hour", 11, "offered", 10, "completed", 10, "employees", 2));
        assertThat(Db.rows(ds, "select exercise_id, completed, employees from team_exercise_rollup where team = 'cells' "
                + "and unit = 'M' order by exercise_id")).containsExactly(
                Map.of("exercise_id", "five-people-roll", "completed", 5, "employees", 5),
                Map.of("exercise_id", "two-people-stretch", "completed", 10, "employees", 2));
    }

    private static JsonPath dashboard(String period, String start) {
        return given().auth().oauth2(Tokens.of("harriet")).queryParam("period", period).queryParam("from", start)
                .queryParam("to", start).when().get(TEAM).then().statusCode(200).extract().jsonPath();
    }
}
