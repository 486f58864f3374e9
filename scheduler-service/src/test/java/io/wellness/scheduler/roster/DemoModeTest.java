package io.wellness.scheduler.roster;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.wellness.scheduler.emission.BatchObserver;
import io.wellness.scheduler.emission.DueBreakEmitter;
import io.wellness.scheduler.emission.DuePublisher;
import io.wellness.scheduler.plan.PlanStore;
import io.wellness.scheduler.repository.ScheduleQueries;
import io.wellness.scheduler.support.KeycloakAdmin;
import io.wellness.scheduler.support.SchedulerDb;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Demo mode (local stack only): a newcomer synced from Keycloak gets a break within two minutes, then every two. */
@QuarkusTest
@TestProfile(DemoModeTest.DemoMode.class)
class DemoModeTest {
    static final Duration TWO_MINUTES = Duration.ofMinutes(2);

    public static class DemoMode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("wellness.scheduler.demo.enabled", "true", "wellness.scheduler.demo.interval", "PT2M");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RosterSync roster;

    @Inject
    PlanStore plans;

    @Inject
    DuePublisher publisher;

    @Inject
    Clock clock;

    SchedulerDb db;

    @BeforeEach
    void clean() {
        db = new SchedulerDb(dataSource);
        db.clear();
    }

    @Test
    void aNewcomerSyncedInDemoModeGetsABreakWithinTwoMinutesAndThenEveryTwoMinutes() throws Exception {
        String id = KeycloakAdmin.createUser("demo-" + UUID.randomUUID().toString().substring(0, 8), "Pacific/Auckland", "U0DEMO");
        Instant synced = clock.instant();
        roster.sync();

        Instant first = db.nextDue(id);
        assertThat(first).isAfter(synced).isBeforeOrEqualTo(synced.plus(TWO_MINUTES).plusSeconds(5));

        // the emitter runs at the injected instant the break is due: it goes out, the next one is two minutes later
        DueBreakEmitter emitter = new DueBreakEmitter(dataSource, plans, publisher, 100, Duration.ofMinutes(2), BatchObserver.NONE);
        while (emitter.emitDue(first) > 0) {
            // drain every break due at that instant (all of the realm's users are in demo mode too)
        }
        assertThat(db.count("select count(*) from emitted_break where employee_id = ? and due_at = ?", id, first)).isEqualTo(1);
        assertThat(db.nextDue(id)).isEqualTo(first.plus(TWO_MINUTES));
    }

    @Test
    void demoModeOverridesTheWorkingHoursAndThePolicyBoundsOnlyForSyncedEmployees() throws Exception {
        roster.sync();
        String alice = KeycloakAdmin.userId("alice");
        db.update("insert into employee_settings (employee_id, working_hours, interval_minutes) values (?, ?::jsonb, 60)",
                alice, SchedulerDb.WEEKDAYS);
        db.employeesDueAt("imported-", 1, "UTC", clock.instant().plus(Duration.ofHours(1)));
        try (Connection c = dataSource.getConnection()) {
            var demo = ScheduleQueries.schedule(c, alice);
            assertThat(demo.interval()).isEqualTo(TWO_MINUTES);
            assertThat(demo.hours().on(java.time.DayOfWeek.SUNDAY)).isNotEmpty();
            // someone who did not come from the Keycloak sync keeps the normal schedule within the bounds
            var imported = ScheduleQueries.schedule(c, "imported-0");
            assertThat(imported.interval()).isEqualTo(Duration.ofMinutes(45));
        }
    }
}
