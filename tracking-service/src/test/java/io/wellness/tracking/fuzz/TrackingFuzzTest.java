package io.wellness.tracking.fuzz;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.wellness.infra.fuzz.DataChecksum;
import io.wellness.infra.fuzz.FuzzReport;
import io.wellness.infra.fuzz.FuzzTarget;
import io.wellness.infra.quarkus.Tokens;
import io.wellness.tracking.support.Db;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

/**
 * Every operation of the tracking service's OpenAPI document (personal history, stats, export, erasure, outcomes,
 * dashboards), fuzzed as an employee, a team lead and HR. Hostile requests never get a 5xx; refusals are problem
 * documents; another employee's break is neither shown nor changed, another team's dashboard is refused to a team
 * lead; refused requests change nothing.
 */
@QuarkusTest
class TrackingFuzzTest {
    private final String victim = "fuzz-victim-" + UUID.randomUUID();
    private final UUID victimBreak = UUID.randomUUID();
    private final String victimExercise = "secret-exercise-" + UUID.randomUUID();

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void anotherEmployeesBreak() {
        // written directly, without rollups: the dashboards other tests check stay as they are
        Db.execute(dataSource, """
                insert into break_record (break_id, employee_id, offered, team, due_at, time_zone, planned_exercises)
                values (?, ?, true, 'fuzz-team', now(), 'UTC', array[?])""", victimBreak, victim, victimExercise);
    }

    @AfterEach
    void removeIt() {
        Db.execute(dataSource, "delete from outcome_event where employee_id = ?", victim);
        Db.execute(dataSource, "delete from break_record where employee_id = ?", victim);
    }

    @Test
    void hostileRequestsAreRefusedCleanlyLeakNothingAndChangeNothing() {
        FuzzReport report = target(true).runAs("sue (employee)", Tokens.of("sue"))
                .and(target(false).foreign("team", "sales", "design").runAs("tara (team lead, engineering)", Tokens.of("tara")))
                .and(target(false).runAs("harriet (hr)", Tokens.of("harriet")));
        report.assertClean();
    }

    /** {@code ownDataMayChange}: the caller's own tracking data belongs to the test (erasure may be accepted). */
    private FuzzTarget target(boolean ownDataMayChange) {
        return FuzzTarget.at("localhost", RestAssured.port)
                .operationsFromOpenApi()
                .only(op -> op.path().startsWith("/api/"))
                .pathValue("team", "engineering")
                // HR may ask for any team name: one without data answers suppressed figures, not 404
                .openKeys("team")
                .foreign("breakId", victimBreak.toString())
                .body("POST /api/tracking/breaks/{breakId}/outcome", "{\"outcome\":\"completed\"}")
                .secrets(victim, victimExercise)
                .acceptWrites(op -> ownDataMayChange)
                .maxCasesPerOperation(30)
                .snapshot(DataChecksum.ofQueries(dataSource,
                        "SELECT * FROM break_record WHERE employee_id = '" + victim + "'",
                        "SELECT * FROM outcome_event WHERE employee_id = '" + victim + "'"));
    }
}
