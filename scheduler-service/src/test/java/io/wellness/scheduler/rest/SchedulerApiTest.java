package io.wellness.scheduler.rest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.wellness.infra.quarkus.Tokens;
import io.wellness.scheduler.roster.RosterSync;
import io.wellness.scheduler.support.KeycloakAdmin;
import io.wellness.scheduler.support.SchedulerDb;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/** The scheduler API with real Keycloak tokens: own settings, admin-only access to others, policy, busy blocks. */
@QuarkusTest
class SchedulerApiTest {
    private static final Map<String, Object> ALL_DAY = Map.of(
            "MONDAY", List.of(Map.of("start", "00:00", "end", "23:59")),
            "TUESDAY", List.of(Map.of("start", "00:00", "end", "23:59")),
            "WEDNESDAY", List.of(Map.of("start", "00:00", "end", "23:59")),
            "THURSDAY", List.of(Map.of("start", "00:00", "end", "23:59")),
            "FRIDAY", List.of(Map.of("start", "00:00", "end", "23:59")),
            "SATURDAY", List.of(Map.of("start", "00:00", "end", "23:59")),
            "SUNDAY", List.of(Map.of("start", "00:00", "end", "23:59")));

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RosterSync roster;

    SchedulerDb db;

    @BeforeEach
    void rosterFromKeycloak() throws Exception {
        db = new SchedulerDb(dataSource);
        db.clear();
        roster.sync();
    }

    private static Map<String, Object> settings(Object hours, String zone, Integer interval) {
        var map = new java.util.HashMap<String, Object>();
        map.put("workingHours", hours);
        map.put("timeZone", zone);
        map.put("intervalMinutes", interval);
        map.put("preferredPosition", "seated");
        map.put("equipment", List.of());
        map.put("focusRegions", List.of("neck"));
        map.put("avoid", List.of());
        return map;
    }

    private static List<String> nextBreaks(String user) {
        return given().auth().oauth2(Tokens.of(user)).when().get("/api/scheduler/me/next-breaks?count=5")
                .then().statusCode(200).extract().jsonPath().getList("dueAt");
    }

    @Test
    void anEmployeeReadsAndChangesTheirOwnSettingsAndSeesTheNextBreaks() {
        given().auth().oauth2(Tokens.of("alice")).when().get("/api/scheduler/me/settings")
                .then().statusCode(200).body("timeZone", equalTo("Europe/Berlin")).body("intervalMinutes", equalTo(45));

        var split = Map.of("MONDAY", List.of(Map.of("start", "09:00", "end", "12:00"), Map.of("start", "13:00", "end", "17:30")),
                "TUESDAY", List.of(Map.of("start", "13:00", "end", "17:30"), Map.of("start", "09:00", "end", "12:00")));
        given().auth().oauth2(Tokens.of("alice")).contentType(ContentType.JSON).body(settings(split, null, 30))
                .when().put("/api/scheduler/me/settings")
                .then().statusCode(200).body("intervalMinutes", equalTo(30))
                .body("workingHours.TUESDAY.start", containsInAnyOrder("09:00", "13:00"));

        List<String> next = nextBreaks("alice");
        assertThat(next).hasSize(5);
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        for (String due : next) {
            LocalDateTime local = LocalDateTime.ofInstant(Instant.parse(due), berlin);
            assertThat(local.getDayOfWeek().getValue()).isIn(1, 2);
            LocalTime time = local.toLocalTime();
            boolean morning = time.isAfter(LocalTime.of(9, 30)) && time.isBefore(LocalTime.NOON);
            boolean afternoon = time.isAfter(LocalTime.of(13, 30)) && time.isBefore(LocalTime.of(17, 30));
            assertThat(morning || afternoon).as(local + " inside working hours, an interval after they start").isTrue();
        }
        assertThat(db.nextDue(KeycloakAdmin.userId("alice"))).isEqualTo(Instant.parse(next.getFirst()));
    }

    @Test
    void invalidSettingsAreRejectedListingEveryField() {
        var bad = settings(Map.of("MONDAY", List.of(Map.of("start", "25:00", "end", "10:00")), "FUNDAY", List.of()),
                "Mars/Olympus", 5);
        bad.put("channel", Map.of("type", "pigeon"));
        bad.put("equipment", List.of("Yoga Mat!"));
        given().auth().oauth2(Tokens.of("alice")).contentType(ContentType.JSON).body(bad)
                .when().put("/api/scheduler/me/settings")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("workingHours.MONDAY[0].start", "workingHours.FUNDAY", "timeZone",
                        "intervalMinutes", "channel.type", "equipment[0]"));
    }

    @Test
    void onlyAdminsReadOrChangeSomeoneElsesSettings() {
        String alice = KeycloakAdmin.userId("alice");
        given().auth().oauth2(Tokens.of("bob")).when().get("/api/scheduler/employees/" + alice + "/settings").then().statusCode(403);
        given().auth().oauth2(Tokens.of("tara")).contentType(ContentType.JSON).body(settings(null, null, 60))
                .when().put("/api/scheduler/employees/" + alice + "/settings").then().statusCode(403);
        given().auth().oauth2(Tokens.of("adam")).contentType(ContentType.JSON).body(settings(null, null, 60))
                .when().put("/api/scheduler/employees/" + alice + "/settings").then().statusCode(200).body("intervalMinutes", equalTo(60));
        given().auth().oauth2(Tokens.of("adam")).when().get("/api/scheduler/employees/" + alice + "/settings")
                .then().statusCode(200).body("intervalMinutes", equalTo(60));
        given().auth().oauth2(Tokens.of("adam")).when().get("/api/scheduler/employees/nobody/settings").then().statusCode(404);
    }

    @Test
    void everyoneReadsThePolicyOnlyAdminsChangeItAndItsBoundsApply() {
        given().auth().oauth2(Tokens.of("bob")).when().get("/api/scheduler/policy")
                .then().statusCode(200).body("minIntervalMinutes", equalTo(20)).body("maxIntervalMinutes", equalTo(90));
        Map<String, Object> policy = Map.of("defaultIntervalMinutes", 40, "minIntervalMinutes", 30, "maxIntervalMinutes", 60,
                "defaultWorkingHours", ALL_DAY, "defaultChannelType", "web", "maxBusyBlocks", 50);
        given().auth().oauth2(Tokens.of("bob")).contentType(ContentType.JSON).body(policy).when().put("/api/scheduler/policy").then().statusCode(403);
        given().auth().oauth2(Tokens.of("adam")).contentType(ContentType.JSON).body(Map.of("minIntervalMinutes", 100, "maxIntervalMinutes", 50))
                .when().put("/api/scheduler/policy").then().statusCode(400)
                .body("errors.field", hasItems("defaultIntervalMinutes", "defaultWorkingHours", "defaultChannelType", "maxBusyBlocks"));
        given().auth().oauth2(Tokens.of("adam")).contentType(ContentType.JSON).body(policy).when().put("/api/scheduler/policy")
                .then().statusCode(200).body("defaultIntervalMinutes", equalTo(40));
        // the new bounds apply to employees' settings, and the new default to those without their own
        given().auth().oauth2(Tokens.of("carol")).contentType(ContentType.JSON).body(settings(null, null, 20))
                .when().put("/api/scheduler/me/settings").then().statusCode(400).body("errors.field", hasItems("intervalMinutes"));
        given().auth().oauth2(Tokens.of("carol")).when().get("/api/scheduler/me/settings").then().statusCode(200).body("intervalMinutes", equalTo(40));
    }

    @Test
    void aBusyBlockMovesTheNextBreakToItsEndAndBelongsToItsOwner() {
        given().auth().oauth2(Tokens.of("dave")).contentType(ContentType.JSON).body(settings(ALL_DAY, null, 45))
                .when().put("/api/scheduler/me/settings").then().statusCode(200);
        Instant first = Instant.parse(nextBreaks("dave").getFirst());
        Instant blockEnd = first.plus(Duration.ofMinutes(10));
        String id = given().auth().oauth2(Tokens.of("dave")).contentType(ContentType.JSON)
                .body(Map.of("startsAt", first.minusSeconds(60).toString(), "endsAt", blockEnd.toString(), "title", "stand-up"))
                .when().post("/api/scheduler/me/busy-blocks").then().statusCode(201).extract().path("id");
        assertThat(Instant.parse(nextBreaks("dave").getFirst())).isEqualTo(blockEnd);
        assertThat(db.nextDue(KeycloakAdmin.userId("dave"))).isEqualTo(blockEnd);

        given().auth().oauth2(Tokens.of("erin")).when().delete("/api/scheduler/me/busy-blocks/" + id).then().statusCode(404);
        given().auth().oauth2(Tokens.of("dave")).contentType(ContentType.JSON)
                .body(Map.of("startsAt", "2026-01-01T10:00:00Z", "endsAt", "2026-01-01T09:00:00Z", "title", "x".repeat(201)))
                .when().post("/api/scheduler/me/busy-blocks").then().statusCode(400)
                .body("errors.field", hasItems("endsAt", "title"));
        given().auth().oauth2(Tokens.of("dave")).when().delete("/api/scheduler/me/busy-blocks/" + id).then().statusCode(204);
        assertThat(Instant.parse(nextBreaks("dave").getFirst())).isEqualTo(first);
    }

    @Test
    void pauseAndOptOutStopBreaks() {
        Instant back = Instant.now().plus(Duration.ofDays(3));
        var paused = settings(ALL_DAY, null, 45);
        paused.put("pausedUntil", back.toString());
        given().auth().oauth2(Tokens.of("frank")).contentType(ContentType.JSON).body(paused)
                .when().put("/api/scheduler/me/settings").then().statusCode(200);
        assertThat(Instant.parse(nextBreaks("frank").getFirst())).isAfterOrEqualTo(back);

        var optedOut = settings(ALL_DAY, null, 45);
        optedOut.put("optedOut", true);
        given().auth().oauth2(Tokens.of("frank")).contentType(ContentType.JSON).body(optedOut)
                .when().put("/api/scheduler/me/settings").then().statusCode(200);
        assertThat(nextBreaks("frank")).isEmpty();
        assertThat(db.nextDue(KeycloakAdmin.userId("frank"))).isNull();
    }

    @Test
    void aTimeZoneChangeMovesBreaksIntoTheNewLocalWorkingHours() {
        var hours = Map.of("MONDAY", List.of(Map.of("start", "09:00", "end", "12:00")),
                "WEDNESDAY", List.of(Map.of("start", "09:00", "end", "12:00")));
        given().auth().oauth2(Tokens.of("sam")).contentType(ContentType.JSON).body(settings(hours, "Asia/Tokyo", 45))
                .when().put("/api/scheduler/me/settings").then().statusCode(200).body("timeZone", equalTo("Asia/Tokyo"));
        for (String due : nextBreaks("sam")) {
            LocalTime local = LocalDateTime.ofInstant(Instant.parse(due), ZoneId.of("Asia/Tokyo")).toLocalTime();
            assertThat(local).isBetween(LocalTime.of(9, 45), LocalTime.NOON);
        }
        given().auth().oauth2(Tokens.of("sam")).contentType(ContentType.JSON).body(settings(hours, "America/New_York", 45))
                .when().put("/api/scheduler/me/settings").then().statusCode(200);
        for (String due : nextBreaks("sam")) {
            LocalTime local = LocalDateTime.ofInstant(Instant.parse(due), ZoneId.of("America/New_York")).toLocalTime();
            assertThat(local).isBetween(LocalTime.of(9, 45), LocalTime.NOON);
        }
    }
}
