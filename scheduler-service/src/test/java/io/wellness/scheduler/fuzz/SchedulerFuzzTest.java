package io.wellness.scheduler.fuzz;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.wellness.infra.fuzz.DataChecksum;
import io.wellness.infra.fuzz.FuzzTarget;
import io.wellness.infra.quarkus.Tokens;
import io.wellness.scheduler.roster.RosterSync;
import io.wellness.scheduler.support.SchedulerDb;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * Every operation of the scheduler's OpenAPI document (settings, busy blocks, policy, roster, inbox, chat
 * callbacks), fuzzed as an employee and as an admin. Hostile requests never get a 5xx; refusals are problem
 * documents; another employee's busy block is neither shown nor changed; refused requests change no data.
 */
@QuarkusTest
class SchedulerFuzzTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RosterSync roster;

    @BeforeEach
    void rosterFromKeycloak() throws Exception {
        new SchedulerDb(dataSource).clear();
        roster.sync();
    }

    @AfterEach
    void leaveNoFuzzData() {
        new SchedulerDb(dataSource).clear();
    }

    @Test
    void hostileRequestsAreRefusedCleanlyLeakNothingAndChangeNothing() {
        // dana's private busy block: diego (same team) must never see or touch it
        String danaSecret = "dana-private-" + UUID.randomUUID();
        String danaBlock = busyBlock("dana", danaSecret);
        String diegoBlock = busyBlock("diego", "diego focus time");
        String danaId = given().auth().oauth2(Tokens.of("dana")).get("/api/scheduler/me").then().statusCode(200)
                .extract().path("id");

        Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
        String validBlock = "{\"startsAt\":\"" + start + "\",\"endsAt\":\"" + start.plusSeconds(1800) + "\",\"title\":\"fuzz\"}";
        FuzzTarget target = FuzzTarget.at("localhost", RestAssured.port)
                .body("POST /api/scheduler/me/busy-blocks", validBlock)
                .body("PUT /api/scheduler/me/busy-blocks/{id}", validBlock)
                .operationsFromOpenApi()
                .only(op -> op.path().startsWith("/api/"))
                .pathValueOn("/api/scheduler/me/busy-blocks/{id}", "id", diegoBlock)
                .foreignOn("/api/scheduler/me/busy-blocks/{id}", "id", danaBlock)
                .pathValueOn("/api/scheduler/employees/{id}/settings", "id", danaId)
                .secrets(danaSecret)
                // chat callbacks carry the chat platform's signature instead of a token
                .publicRoutes(op -> op.path().startsWith("/api/scheduler/chat/"))
                // a whole company's roster file: 16 MB (application.properties, wellness.http.body-limit)
                .largeBodies(op -> op.path().equals("/api/scheduler/roster/import"), 16L * 1024 * 1024)
                // the scheduler's tables are emptied after the test: hostile but well-formed writes may be stored
                .acceptWrites(op -> true)
                .maxCasesPerOperation(30)
                .snapshot(DataChecksum.ofQueries(dataSource,
                        "SELECT * FROM busy_block WHERE employee_id = '" + danaId + "'",
                        "SELECT * FROM employee_settings WHERE employee_id = '" + danaId + "'",
                        "SELECT * FROM delivery_callback_seen", "SELECT * FROM delivery_outcome_log"));

        target.runAs("diego (employee)", Tokens.of("diego"))
                .and(target.runAs("adam (admin)", Tokens.of("adam")))
                .assertClean();
    }

    private static String busyBlock(String user, String title) {
        Instant start = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
        return given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON)
                .body(Map.of("startsAt", start.toString(), "endsAt", start.plusSeconds(3600).toString(), "title", title))
                .when().post("/api/scheduler/me/busy-blocks")
                .then().statusCode(201).extract().path("id");
    }
}
