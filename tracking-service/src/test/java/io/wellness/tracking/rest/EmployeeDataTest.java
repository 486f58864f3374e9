package io.wellness.tracking.rest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.wellness.common.events.BreakDueEvent;
import io.wellness.common.events.BreakOutcome;
import io.wellness.common.events.CloudEvents;
import io.wellness.common.events.DeterministicIds;
import io.wellness.common.events.Topics;
import io.wellness.infra.quarkus.TestInfrastructure;
import io.wellness.infra.quarkus.Tokens;
import io.wellness.tracking.ingest.ReceivedEvent;
import io.wellness.tracking.service.IngestService;
import io.wellness.tracking.support.Db;
import io.wellness.tracking.support.Eventually;
import io.wellness.tracking.support.TrackingEvents;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The employee's own data: outcome through the API, history, stats, export and erasure; nobody else's records. */
@QuarkusTest
class EmployeeDataTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    IngestService ingest;

    @Inject
    AgroalDataSource ds;

    @Test
    void anEmployeeMarksTheirOwnBreakAndTheEventGoesThroughKafka() {
        String alice = idOf("alice");
        BreakDueEvent due = offer(alice, "engineering", Instant.parse("2026-02-02T08:30:00Z"), "neck-roll");
        UUID expectedId = DeterministicIds.outcomeId(due.breakId(), BreakOutcome.COMPLETED, 0);

        given().auth().oauth2(Tokens.of("alice")).contentType(ContentType.JSON).header("X-Request-Id", "req-alice-1")
                .body(Map.of("outcome", "completed"))
                .when().post("/api/tracking/breaks/" + due.breakId() + "/outcome")
                .then().statusCode(202).body("eventId", equalTo(expectedId.toString())).body("outcome", equalTo("completed"));
        // a double click is the same event
        given().auth().oauth2(Tokens.of("alice")).contentType(ContentType.JSON).body(Map.of("outcome", "completed"))
                .when().post("/api/tracking/breaks/" + due.breakId() + "/outcome")
                .then().statusCode(202).body("eventId", equalTo(expectedId.toString()));

        // consumed back from microbreaks.outcomes like any chat outcome
        Eventually.await(() -> Db.count(ds, "select count(*) from break_record where break_id = ? and status = 3", due.breakId()),
                n -> n == 1, WAIT);
        ConsumerRecord<String, String> record = findOnOutcomesTopic(expectedId.toString());
        assertThat(record.key()).isEqualTo(alice);
        assertThat(CloudEvents.header(record.headers(), CloudEvents.HEADER_TYPE)).isEqualTo(CloudEvents.TYPE_OUTCOME);
        assertThat(CloudEvents.header(record.headers(), CloudEvents.HEADER_CORRELATION_ID)).isEqualTo("req-alice-1");
        assertThat(record.value()).contains("\"outcome\":\"completed\"").contains("\"breakId\":\"" + due.breakId() + "\"");

        JsonPath history = given().auth().oauth2(Tokens.of("alice")).when().get("/api/tracking/me/history?size=100")
                .then().statusCode(200).extract().jsonPath();
        assertThat(history.getList("items.breakId")).contains(due.breakId().toString());
    }

    @Test
    void nobodyRecordsOrReadsSomeoneElsesBreak() {
        String alice = idOf("alice");
        BreakDueEvent due = offer(alice, "engineering", Instant.parse("2026-02-03T08:30:00Z"), "neck-roll");
        for (String other : List.of("bob", "tara", "harriet", "adam")) {
            given().auth().oauth2(Tokens.of(other)).contentType(ContentType.JSON).body(Map.of("outcome", "skipped"))
                    .when().post("/api/tracking/breaks/" + due.breakId() + "/outcome").then().statusCode(403);
            JsonPath history = given().auth().oauth2(Tokens.of(other)).when().get("/api/tracking/me/history?size=100")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(history.getList("items.breakId")).doesNotContain(due.breakId().toString());
            assertThat(given().auth().oauth2(Tokens.of(other)).when().get("/api/tracking/me/export").then().statusCode(200)
                    .extract().jsonPath().getList("breaks.breakId")).doesNotContain(due.breakId().toString());
        }
        given().auth().oauth2(Tokens.of("alice")).contentType(ContentType.JSON).body(Map.of("outcome", "completed"))
                .when().post("/api/tracking/breaks/" + UUID.randomUUID() + "/outcome").then().statusCode(404);
        // the API has no path naming a person: only breaks and teams are addressed
        List<String> paths = given().when().get("/q/openapi?format=json").then().statusCode(200)
                .extract().jsonPath().getMap("paths").keySet().stream().map(Object::toString).toList();
        assertThat(paths.stream().filter(p -> p.contains("{")))
                .allMatch(p -> p.contains("{breakId}") || p.contains("{team}"));
    }

    @Test
    void invalidOutcomeRequestsListEveryField() {
        given().auth().oauth2(Tokens.of("alice")).contentType(ContentType.JSON).body(Map.of("outcome", "snoozed"))
                .when().post("/api/tracking/breaks/not-a-uuid/outcome")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("breakId")).body("errors.field", hasItem("outcome"));
        given().auth().oauth2(Tokens.of("alice")).when().get("/api/tracking/me/history?size=1000&page=-1")
                .then().statusCode(400).body("errors.field", hasItem("size")).body("errors.field", hasItem("page"));
    }

    @Test
    void statsCountTodayTheWeekTheStreakAndFavourites() {
        String carol = idOf("carol");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int day = 0; day <= 2; day++) {
            for (int i = 0; i < 3; i++) {
                Instant at = now.minus(day, ChronoUnit.DAYS).minus(i + 1, ChronoUnit.MINUTES);
                BreakDueEvent due = offer(carol, "engineering", at, "neck-roll", "wrist-circles");
                complete(due);
            }
        }
        BreakDueEvent missed = offer(carol, "engineering", now.minus(30, ChronoUnit.SECONDS), "eye-palming");
        JsonPath stats = given().auth().oauth2(Tokens.of("carol")).when().get("/api/tracking/me/stats")
                .then().statusCode(200).extract().jsonPath();
        assertThat(stats.getInt("todayCounts.offered")).isEqualTo(4);
        assertThat(stats.getInt("todayCounts.completed")).isEqualTo(3);
        assertThat(stats.getInt("streakDays")).isEqualTo(3);
        assertThat(stats.getInt("streakMinCompleted")).isEqualTo(3);
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        java.time.LocalDate monday = today.with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
        long daysThisWeek = java.util.stream.IntStream.rangeClosed(0, 2).filter(d -> !today.minusDays(d).isBefore(monday)).count();
        assertThat(stats.getInt("thisWeek.completed")).isEqualTo(3 * (int) daysThisWeek);
        assertThat(stats.getMap("favouriteExercises")).containsEntry("neck-roll", 9).containsEntry("wrist-circles", 9)
                .doesNotContainKey("eye-palming");
        assertThat(missed.breakId()).isNotNull();
    }

    @Test
    void exportThenErasureKeepsTheAggregates() {
        String erin = idOf("erin");
        BreakDueEvent due = offer(erin, "erasure-team", Instant.parse("2026-01-15T12:00:00Z"), "neck-roll");
        complete(due);
        JsonPath export = given().auth().oauth2(Tokens.of("erin")).when().get("/api/tracking/me/export")
                .then().statusCode(200).extract().jsonPath();
        assertThat(export.getString("employeeId")).isEqualTo(erin);
        assertThat(export.getList("breaks.breakId")).containsExactly(due.breakId().toString());
        assertThat(export.getString("breaks[0].status")).isEqualTo("completed");
        assertThat(export.getList("breaks[0].outcomes.outcome")).containsExactly("completed");
        List<Map<String, Object>> rollupBefore = rollups("erasure-team");
        List<Map<String, Object>> cellsBefore = cellRollups("erasure-team");
        assertThat(Db.count(ds, "select count(*) from hour_participant where employee_id = ?", erin)).isEqualTo(3);
        assertThat(Db.count(ds, "select count(*) from exercise_participant where employee_id = ?", erin)).isEqualTo(3);

        given().auth().oauth2(Tokens.of("erin")).when().delete("/api/tracking/me")
                .then().statusCode(200).body("breaks", equalTo(1)).body("outcomes", equalTo(1));

        assertThat(given().auth().oauth2(Tokens.of("erin")).when().get("/api/tracking/me/export")
                .then().statusCode(200).extract().jsonPath().getList("breaks")).isEmpty();
        assertThat(Db.count(ds, "select count(*) from break_record where employee_id = ?", erin)).isZero();
        assertThat(Db.count(ds, "select count(*) from outcome_event where employee_id = ?", erin)).isZero();
        assertThat(Db.count(ds, "select count(*) from period_participant where employee_id = ?", erin)).isZero();
        assertThat(Db.count(ds, "select count(*) from hour_participant where employee_id = ?", erin)).isZero();
        assertThat(Db.count(ds, "select count(*) from exercise_participant where employee_id = ?", erin)).isZero();
        assertThat(rollups("erasure-team")).isEqualTo(rollupBefore).isNotEmpty();
        assertThat(cellRollups("erasure-team")).isEqualTo(cellsBefore).hasSize(6);
        // a replay of the erased employee's events is still recognised as already processed
        ingest.ingestDue(List.of(new ReceivedEvent<>(TrackingEvents.dueMessageId(due), due)));
        var outcome = TrackingEvents.outcome(due, BreakOutcome.COMPLETED, 0, due.dueAt().plusSeconds(30));
        ingest.ingestOutcomes(List.of(new ReceivedEvent<>(outcome.eventId(), outcome)));
        assertThat(Db.count(ds, "select count(*) from outcome_event where employee_id = ?", erin)).isZero();
        assertThat(Db.count(ds, "select count(*) from break_record where employee_id = ?", erin)).isZero();
        assertThat(rollups("erasure-team")).isEqualTo(rollupBefore);
    }

    /** Heat-map and exercise cells with their distinct-employee counts. */
    private List<Map<String, Object>> cellRollups(String team) {
        return Db.rows(ds, "select 'hour' as kind, unit, period_start, hour::text as cell, employees from team_hour_rollup where team = ? "
                + "union all select 'exercise', unit, period_start, exercise_id, employees from team_exercise_rollup where team = ? "
                + "order by 1, 2, 3, 4", team, team);
    }

    private List<Map<String, Object>> rollups(String team) {
        return Db.rows(ds, "select unit, period_start, offered, completed, employees, active from team_period_rollup "
                + "where team = ? order by unit, period_start", team);
    }

    private BreakDueEvent offer(String employeeId, String team, Instant dueAt, String... exercises) {
        BreakDueEvent due = TrackingEvents.due(employeeId, team, dueAt, "UTC", 0, exercises);
        ingest.ingestDue(List.of(new ReceivedEvent<>(TrackingEvents.dueMessageId(due), due)));
        return due;
    }

    private void complete(BreakDueEvent due) {
        var outcome = TrackingEvents.outcome(due, BreakOutcome.COMPLETED, 0, due.dueAt().plusSeconds(30));
        ingest.ingestOutcomes(List.of(new ReceivedEvent<>(outcome.eventId(), outcome)));
    }

    private static String idOf(String user) {
        return given().auth().oauth2(Tokens.of(user)).when().get("/api/tracking/me").then().statusCode(200)
                .extract().jsonPath().getString("id");
    }

    private static ConsumerRecord<String, String> findOnOutcomesTopic(String ceId) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.OUTCOMES).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (ceId.equals(CloudEvents.header(record.headers(), CloudEvents.HEADER_ID))) {
                        return record;
                    }
                }
            }
            throw new AssertionError("no record with ce_id " + ceId + " on " + Topics.OUTCOMES);
        }
    }
}
