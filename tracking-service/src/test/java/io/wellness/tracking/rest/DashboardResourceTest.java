package io.wellness.tracking.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.wellness.common.events.BreakDueEvent;
import io.wellness.common.events.BreakOutcome;
import io.wellness.common.events.BreakOutcomeEvent;
import io.wellness.infra.quarkus.Tokens;
import io.wellness.tracking.ingest.ReceivedEvent;
import io.wellness.tracking.service.IngestService;
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
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Dashboards on real PostgreSQL rollups with real Keycloak tokens. June 2025: on Tuesday 3rd engineering (7), sales (5)
 * and design (3) are offered a break; on Thursday 5th only two engineers; in the next week (Tuesday 10th)
 * engineering (7) and sales (6).
 */
@QuarkusTest
class DashboardResourceTest {
    private static final String TEAMS = "/api/tracking/dashboards/teams/";
    private static final String COMPANY = "/api/tracking/dashboards/company";

    @Inject
    IngestService ingest;

    @BeforeEach
    void seed() {
        // ingesting the same events again is a no-op (message log), so every test can seed
        List<BreakDueEvent> dues = new ArrayList<>();
        List<BreakOutcomeEvent> outcomes = new ArrayList<>();
        Instant june3 = Instant.parse("2025-06-03T10:05:00Z");
        for (int i = 1; i <= 7; i++) {
            BreakDueEvent due = TrackingEvents.due("dash-eng-" + i, "engineering", june3, "UTC", 0, "neck-roll");
            dues.add(due);
            if (i <= 5) {
                outcomes.add(TrackingEvents.outcome(due, BreakOutcome.COMPLETED, 0, june3.plusSeconds(60)));
            }
        }
        for (int i = 1; i <= 5; i++) {
            BreakDueEvent due = TrackingEvents.due("dash-sales-" + i, "sales", june3, "UTC", 0, "wrist-circles");
            dues.add(due);
            if (i == 1) {
                outcomes.add(TrackingEvents.outcome(due, BreakOutcome.SKIPPED, 0, june3.plusSeconds(60)));
            }
        }
        for (int i = 1; i <= 3; i++) {
            BreakDueEvent due = TrackingEvents.due("dash-design-" + i, "design", june3, "UTC", 0, "design-only-stretch");
            dues.add(due);
            outcomes.add(TrackingEvents.outcome(due, BreakOutcome.COMPLETED, 0, june3.plusSeconds(60)));
        }
        Instant june5 = Instant.parse("2025-06-05T14:00:00Z");
        for (int i = 1; i <= 2; i++) {
            BreakDueEvent due = TrackingEvents.due("dash-eng-" + i, "engineering", june5, "UTC", 0, "neck-roll");
            dues.add(due);
            outcomes.add(TrackingEvents.outcome(due, BreakOutcome.COMPLETED, 0, june5.plusSeconds(60)));
        }
        Instant june10 = Instant.parse("2025-06-10T09:00:00Z");
        for (int i = 1; i <= 7; i++) {
            dues.add(TrackingEvents.due("dash-eng-" + i, "engineering", june10, "UTC", 0, "neck-roll"));
        }
        for (int i = 1; i <= 6; i++) {
            dues.add(TrackingEvents.due("dash-sales-" + i, "sales", june10, "UTC", 0, "wrist-circles"));
        }
        ingest.ingestDue(dues.stream().map(d -> new ReceivedEvent<>(TrackingEvents.dueMessageId(d), d)).toList());
        ingest.ingestOutcomes(outcomes.stream().map(o -> new ReceivedEvent<>(o.eventId(), o)).toList());
    }

    @Test
    void hrSeesATeamDayWithItsFiguresHeatMapAndExercises() {
        JsonPath day = dashboard("harriet", TEAMS + "engineering", "day", "2025-06-03", "2025-06-03");
        assertThat(day.getMap("series[0].figures")).containsEntry("offered", 7).containsEntry("completed", 5)
                .containsEntry("skipped", 0).containsEntry("activeParticipants", 5).containsEntry("employees", 7)
                .containsEntry("participationRate", 0.714f);
        assertThat(day.getMap("heatMap[10].figures")).containsEntry("offered", 7).containsEntry("completed", 5);
        assertThat(day.getMap("heatMap[9].figures")).isEqualTo(Map.of("suppressed", true));
        assertThat(day.getList("topExercises")).containsExactly(Map.of("exerciseId", "neck-roll", "completed", 5));
        assertThat(day.getString("privacyRule")).contains("suppressed");
    }

    @Test
    void aSmallTeamIsSuppressedNeverZero() {
        JsonPath design = dashboard("harriet", TEAMS + "design", "day", "2025-06-03", "2025-06-03");
        assertThat(design.getMap("series[0].figures")).isEqualTo(Map.of("suppressed", true));
        assertThat(design.getList("topExercises")).isEmpty();
        // a day without any break is suppressed too, not shown as 0
        JsonPath quiet = dashboard("harriet", TEAMS + "engineering", "day", "2025-06-04", "2025-06-04");
        assertThat(quiet.getMap("series[0].figures")).isEqualTo(Map.of("suppressed", true));
    }

    @Test
    void theCompanyTotalCannotBeDifferencedToASmallTeam() {
        JsonPath company = dashboard("harriet", COMPANY, "day", "2025-06-03", "2025-06-03");
        assertThat(company.getMap("series[0].figures")).containsEntry("offered", 15).containsEntry("employees", 15);
        // company minus the released teams must concern at least 5 people: sales is suppressed as the complement of design
        JsonPath sales = dashboard("harriet", TEAMS + "sales", "day", "2025-06-03", "2025-06-03");
        assertThat(sales.getMap("series[0].figures")).isEqualTo(Map.of("suppressed", true));
        JsonPath table = dashboard("harriet", "/api/tracking/dashboards/teams", "day", "2025-06-03", "2025-06-03");
        int releasedEmployees = 0;
        for (Map<String, Object> team : table.<Map<String, Object>>getList("teams")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> figures = (Map<String, Object>) ((List<Map<String, Object>>) team.get("series")).get(0).get("figures");
            if (!figures.containsKey("suppressed")) {
                releasedEmployees += (Integer) figures.get("employees");
            }
        }
        assertThat(15 - releasedEmployees).isGreaterThanOrEqualTo(5);
        // design's only exercise never shows in the company's top list (one person did it)
        assertThat(company.getList("topExercises.exerciseId")).doesNotContain("design-only-stretch");
    }

    @Test
    void aWeekIsSuppressedWhenItsSuppressedDaysConcernFewPeople() {
        // week of 2 June = Tuesday (7 engineers) + Thursday (2 engineers): releasing it would reveal Thursday's two
        assertThat(dashboard("harriet", TEAMS + "engineering", "week", "2025-06-02", "2025-06-02").getMap("series[0].figures"))
                .isEqualTo(Map.of("suppressed", true));
        assertThat(dashboard("harriet", COMPANY, "week", "2025-06-02", "2025-06-02").getMap("series[0].figures"))
                .isEqualTo(Map.of("suppressed", true));
        // sales' Tuesday is a complement of design: its week would give it away
        assertThat(dashboard("harriet", TEAMS + "sales", "week", "2025-06-02", "2025-06-02").getMap("series[0].figures"))
                .isEqualTo(Map.of("suppressed", true));
        // the next week has no small day: released, with calendar boundaries (Monday to Sunday)
        JsonPath next = dashboard("harriet", TEAMS + "engineering", "week", "2025-06-09", "2025-06-15");
        assertThat(next.getList("series")).hasSize(1);
        assertThat(next.getString("series[0].start")).isEqualTo("2025-06-09");
        assertThat(next.getString("series[0].end")).isEqualTo("2025-06-15");
        assertThat(next.getMap("series[0].figures")).containsEntry("offered", 7).containsEntry("employees", 7);
        assertThat(dashboard("harriet", COMPANY, "week", "2025-06-09", "2025-06-09").getMap("series[0].figures"))
                .containsEntry("offered", 13);
    }

    @Test
    void aTeamLeadSeesOnlyTheTeamsTheyLead() {
        given().auth().oauth2(Tokens.of("tara")).queryParam("period", "day").queryParam("from", "2025-06-03").queryParam("to", "2025-06-03")
                .when().get(TEAMS + "engineering").then().statusCode(200).body("team", equalTo("engineering"));
        given().auth().oauth2(Tokens.of("tara")).when().get(TEAMS + "sales").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.of("tara")).when().get(TEAMS + "sales/export.csv").then().statusCode(403);
        given().auth().oauth2(Tokens.of("tara")).when().get(COMPANY).then().statusCode(403);
        JsonPath table = dashboard("tara", "/api/tracking/dashboards/teams", "day", "2025-06-03", "2025-06-03");
        assertThat(table.getList("teams.team")).containsExactly("engineering");
        given().auth().oauth2(Tokens.of("logan")).when().get(TEAMS + "sales").then().statusCode(200);
    }

    @Test
    void employeesGetNoDashboard() {
        given().auth().oauth2(Tokens.of("alice")).when().get(TEAMS + "engineering").then().statusCode(403);
        given().auth().oauth2(Tokens.of("alice")).when().get(COMPANY).then().statusCode(403);
        given().auth().oauth2(Tokens.of("alice")).when().get("/api/tracking/dashboards/teams").then().statusCode(403);
        given().when().get(COMPANY).then().statusCode(401);
    }

    @Test
    void hrSeesEveryTeam() {
        JsonPath table = dashboard("harriet", "/api/tracking/dashboards/teams", "day", "2025-06-03", "2025-06-03");
        assertThat(table.getList("teams.team")).contains("design", "engineering", "sales");
    }

    @Test
    void exportsTheSameAggregatesAsCsv() {
        String csv = given().auth().oauth2(Tokens.of("harriet")).accept("text/csv")
                .queryParam("period", "day").queryParam("from", "2025-06-03").queryParam("to", "2025-06-03")
                .when().get(TEAMS + "engineering").then().statusCode(200).contentType(containsString("text/csv"))
                .extract().asString();
        assertThat(csv.lines()).containsExactly(
                "scope,team,period,start,end,suppressed,offered,completed,snoozed,skipped,participation_rate,active_participants,employees",
                "team,engineering,day,2025-06-03,2025-06-03,false,7,5,0,0,0.714,5,7");
        String table = given().auth().oauth2(Tokens.of("harriet"))
                .queryParam("period", "day").queryParam("from", "2025-06-03").queryParam("to", "2025-06-03")
                .when().get("/api/tracking/dashboards/teams/export.csv").then().statusCode(200).extract().asString();
        assertThat(table.lines()).contains("team,design,day,2025-06-03,2025-06-03,true,,,,,,,");
        String company = given().auth().oauth2(Tokens.of("harriet"))
                .queryParam("period", "day").queryParam("from", "2025-06-03").queryParam("to", "2025-06-03")
                .when().get(COMPANY + "/export.csv").then().statusCode(200).extract().asString();
        assertThat(company.lines()).contains("company,,day,2025-06-03,2025-06-03,false,15,8,0,1,0.533,8,15");
    }

    @Test
    void invalidParametersAreAllListed() {
        given().auth().oauth2(Tokens.of("harriet")).queryParam("period", "year").queryParam("from", "yesterday")
                .when().get(COMPANY).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("period")).body("errors.field", hasItem("from"));
        given().auth().oauth2(Tokens.of("harriet")).queryParam("period", "day").queryParam("from", "2020-01-01").queryParam("to", "2025-01-01")
                .when().get(COMPANY).then().statusCode(400).body("errors.field", hasItem("to"));
    }

    private static JsonPath dashboard(String user, String path, String period, String from, String to) {
        return given().auth().oauth2(Tokens.of(user)).queryParam("period", period).queryParam("from", from).queryParam("to", to)
                .when().get(path).then().statusCode(200).extract().jsonPath();
    }
}
