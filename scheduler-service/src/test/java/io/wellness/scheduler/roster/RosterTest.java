package io.wellness.scheduler.roster;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.wellness.infra.quarkus.Tokens;
import io.wellness.scheduler.support.KeycloakAdmin;
import io.wellness.scheduler.support.SchedulerDb;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

/** The roster from the real Keycloak (admin API as the wellness-services service account) and from CSV files. */
@QuarkusTest
class RosterTest {

    @Inject
    AgroalDataSource dataSource;

    SchedulerDb db;

    @BeforeEach
    void clean() {
        db = new SchedulerDb(dataSource);
        db.clear();
    }

    private void syncAsAdmin() {
        given().auth().oauth2(Tokens.of("adam")).when().post("/api/scheduler/roster/sync").then().statusCode(200);
    }

    private String column(String sql, String id) {
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(sql)) {
            ps.setString(1, id);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void syncAddsTheRealmsUsersWithTeamZoneAndChatId() {
        syncAsAdmin();
        String alice = KeycloakAdmin.userId("alice");
        assertThat(column("select team from employee where id = ?", alice)).isEqualTo("engineering");
        assertThat(column("select time_zone from employee where id = ?", alice)).isEqualTo("Europe/Berlin");
        assertThat(column("select channel_address from employee where id = ?", alice)).isEqualTo("U0ALICE01");
        assertThat(column("select team from employee where id = ?", KeycloakAdmin.userId("dana"))).isEqualTo("design");
        assertThat(column("select team from employee where id = ?", KeycloakAdmin.userId("sam"))).isEqualTo("sales");
        assertThat(db.count("select count(*) from employee where username like 'service-account-%'")).isZero();
        assertThat(db.nextDue(alice)).isNotNull();
    }

    @Test
    void withoutDemoModeSyncedEmployeesKeepTheirWorkingHoursAndThePolicyBounds() throws Exception {
        syncAsAdmin();
        String alice = KeycloakAdmin.userId("alice");
        assertThat(column("select demo_interval_seconds::text from employee where id = ?", alice)).isNull();
        // a stored interval below the policy's minimum (20) is raised to it
        db.update("insert into employee_settings (employee_id, working_hours, interval_minutes) values (?, ?::jsonb, 2)",
                alice, SchedulerDb.WEEKDAYS);
        try (var c = dataSource.getConnection()) {
            var schedule = io.wellness.scheduler.repository.ScheduleQueries.schedule(c, alice);
            assertThat(schedule.interval()).isEqualTo(java.time.Duration.ofMinutes(20));
            assertThat(schedule.hours().on(java.time.DayOfWeek.SUNDAY)).isEmpty();
        }
    }

    @Test
    void syncFollowsPeopleAddedMovedDisabledAndRemovedInKeycloak() {
        String username = "newbie-" + UUID.randomUUID().toString().substring(0, 8);
        String id = KeycloakAdmin.createUser(username, "Asia/Tokyo", "U0NEW");
        KeycloakAdmin.join(id, "/teams/sales");
        syncAsAdmin();
        assertThat(column("select team from employee where id = ?", id)).isEqualTo("sales");
        assertThat(column("select time_zone from employee where id = ?", id)).isEqualTo("Asia/Tokyo");
        assertThat(column("select active::text from employee where id = ?", id)).isEqualTo("true");
        assertThat(db.nextDue(id)).isNotNull();

        KeycloakAdmin.leave(id, "/teams/sales");
        KeycloakAdmin.join(id, "/teams/design");
        syncAsAdmin();
        assertThat(column("select team from employee where id = ?", id)).isEqualTo("design");

        KeycloakAdmin.disable(id);
        syncAsAdmin();
        assertThat(column("select active::text from employee where id = ?", id)).isEqualTo("false");
        assertThat(db.nextDue(id)).as("a disabled user gets no more breaks").isNull();

        String other = KeycloakAdmin.createUser(username + "-2", "Europe/Berlin", "U0NEW2");
        syncAsAdmin();
        assertThat(db.nextDue(other)).isNotNull();
        KeycloakAdmin.delete(other);
        syncAsAdmin();
        assertThat(column("select active::text from employee where id = ?", other)).isEqualTo("false");
        assertThat(db.nextDue(other)).as("a removed user gets no more breaks").isNull();
    }

    @Test
    void onlyAdminsSyncOrImport() {
        given().auth().oauth2(Tokens.of("tara")).when().post("/api/scheduler/roster/sync").then().statusCode(403);
        given().auth().oauth2(Tokens.of("harriet")).contentType("text/csv").body("id,username,team,timezone,channel_type,channel_address\n")
                .when().post("/api/scheduler/roster/import").then().statusCode(403);
    }

    @Test
    void csvImportIsAllOrNothingAndReportsEveryBadLine() {
        String bad = """
                id,username,team,timezone,channel_type,channel_address
                csv-1,ann,finance,Europe/Berlin,slack,U0ANN
                csv-2,bea,finance,Mars/Olympus,slack,U0BEA
                csv-3,cid,Finance!,Europe/Berlin,pigeon,
                csv-1,dup,finance,Europe/Berlin,web,
                csv-5,"quoted, name",finance,America/New_York,web,
                """;
        given().auth().oauth2(Tokens.of("adam")).contentType("text/csv").body(bad)
                .when().post("/api/scheduler/roster/import")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("line 3", "line 4", "line 5"))
                .body("errors.findAll { it.field == 'line 4' }", hasSize(2))
                .body("errors.message", hasItem(startsWith("id csv-1 appears twice")));
        assertThat(db.count("select count(*) from employee")).as("nothing half-imported").isZero();

        String good = """
                id,username,team,timezone,channel_type,channel_address,active
                csv-1,ann,finance,Europe/Berlin,slack,U0ANN,true
                csv-2,"bea, the second",finance,America/New_York,web,,true
                csv-3,cid,finance,Europe/Berlin,teams,conv-3,false
                """;
        given().auth().oauth2(Tokens.of("adam")).contentType("text/csv").body(good)
                .when().post("/api/scheduler/roster/import")
                .then().statusCode(200).body("imported", equalTo(3)).body("created", equalTo(3));
        assertThat(column("select username from employee where id = ?", "csv-2")).isEqualTo("bea, the second");
        assertThat(db.nextDue("csv-1")).isNotNull();
        assertThat(db.nextDue("csv-3")).as("inactive").isNull();
    }
}
