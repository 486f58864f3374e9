package io.wellness.scheduler.delivery;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.wellness.common.events.BreakDueEvent;
import io.wellness.common.events.Topics;
import io.wellness.infra.quarkus.Tokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.wellness.scheduler.delivery.service.InboxBroadcast;
import io.wellness.scheduler.delivery.service.InboxChangeListener;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** The web inbox with real Keycloak tokens: own breaks only, live stream pushed via LISTEN/NOTIFY, outcome once. */
@QuarkusTest
class InboxTest {
    @TestHTTPResource("/api/scheduler/inbox/stream")
    URL streamUrl;

    @Inject
    DataSource dataSource;

    @Inject
    InboxBroadcast broadcast;

    @Inject
    InboxChangeListener listener;

    @Test
    void showsOnlyTheCallersBreaksAndRecordsTheirChoiceOnce() {
        String alice = Tokens.of("alice");
        String bob = Tokens.of("bob");
        BreakDueEvent due = DeliveryKafka.dueEvent(subject(alice), "web", subject(alice));
        try (DeliveryKafka.Reader outcomes = new DeliveryKafka.Reader(Topics.OUTCOMES)) {
            DeliveryKafka.produce(due);
            await().atMost(Duration.ofSeconds(15)).until(() -> given().auth().oauth2(alice).get("/api/scheduler/inbox")
                    .then().statusCode(200).extract().jsonPath().getList("breakId").contains(due.breakId().toString()));
            given().auth().oauth2(alice).get("/api/scheduler/inbox").then().statusCode(200)
                    .body("find { it.breakId == '" + due.breakId() + "' }.exercises.name", hasItem("Neck roll"))
                    .body("find { it.breakId == '" + due.breakId() + "' }.outcome", equalTo(null));
            given().auth().oauth2(bob).get("/api/scheduler/inbox").then().statusCode(200)
                    .body("breakId", not(hasItem(due.breakId().toString())));
            given().get("/api/scheduler/inbox").then().statusCode(401);

            given().auth().oauth2(bob).contentType("application/json").body("{\"outcome\":\"skipped\"}")
                    .post("/api/scheduler/inbox/" + due.breakId() + "/outcome").then().statusCode(404);
            given().auth().oauth2(alice).contentType("application/json").body("{\"outcome\":\"maybe\"}")
                    .post("/api/scheduler/inbox/not-a-uuid/outcome").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("breakId", "outcome"));

            given().auth().oauth2(alice).contentType("application/json").body("{\"outcome\":\"completed\"}")
                    .post("/api/scheduler/inbox/" + due.breakId() + "/outcome").then().statusCode(200)
                    .body("outcome", equalTo("completed")).body("alreadyRecorded", equalTo(false));
            given().auth().oauth2(alice).contentType("application/json").body("{\"outcome\":\"completed\"}")
                    .post("/api/scheduler/inbox/" + due.breakId() + "/outcome").then().statusCode(200)
                    .body("alreadyRecorded", equalTo(true));
            given().auth().oauth2(alice).contentType("application/json").body("{\"outcome\":\"skipped\"}")
                    .post("/api/scheduler/inbox/" + due.breakId() + "/outcome").then().statusCode(409);

            List<ConsumerRecord<String, String>> events = outcomes.during(DeliveryKafka.about(due.breakId()), Duration.ofSeconds(3));
            assertThat(events).hasSize(1);
            assertThat(events.get(0).key()).isEqualTo(subject(alice));
            assertThat(DeliveryKafka.json(events.get(0).value()).path("channel").asText()).isEqualTo("web");
            given().auth().oauth2(alice).get("/api/scheduler/inbox").then().statusCode(200)
                    .body("find { it.breakId == '" + due.breakId() + "' }.outcome", equalTo("completed"));
        }
    }

    @Test
    void streamsTheCallersNewBreaksLiveAndNobodyElses() throws Exception {
        String carol = Tokens.of("carol");
        String dave = Tokens.of("dave");
        try (OpenStream stream = OpenStream.of(streamUrl, carol)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> broadcast.watched(subject(carol)));
            BreakDueEvent forDave = DeliveryKafka.dueEvent(subject(dave), "web", subject(dave));
            BreakDueEvent forCarol = DeliveryKafka.dueEvent(subject(carol), "web", subject(carol));
            DeliveryKafka.produce(forDave);
            DeliveryKafka.produce(forCarol);
            String received = stream.until(forCarol.breakId().toString(), Duration.ofSeconds(20));
            assertThat(received).contains("data:", forCarol.breakId().toString(), "Neck roll")
                    .doesNotContain(forDave.breakId().toString());
        }

        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(streamUrl.toURI()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    /**
     * The stream does not poll: a row written by any replica (here straight into the table, as another replica's
     * transaction would) reaches the open stream through PostgreSQL NOTIFY, promptly, and only its employee's.
     */
    @Test
    void aChangeWrittenByAnyReplicaIsPushedToItsEmployeesOpenStreamOnly() throws Exception {
        String erin = Tokens.of("erin");
        String frank = Tokens.of("frank");
        await().atMost(Duration.ofSeconds(30)).until(listener::listening);
        BreakDueEvent before = DeliveryKafka.dueEvent(subject(erin), "web", subject(erin));
        insertInboxRow(before);
        try (OpenStream erinStream = OpenStream.of(streamUrl, erin); OpenStream frankStream = OpenStream.of(streamUrl, frank)) {
            // catch-up on connect: what changed shortly before the page opened the stream is sent first
            assertThat(erinStream.until(before.breakId().toString(), Duration.ofSeconds(10))).contains(before.breakId().toString());
            await().atMost(Duration.ofSeconds(10)).until(() -> broadcast.watched(subject(frank)));
            BreakDueEvent forFrank = DeliveryKafka.dueEvent(subject(frank), "web", subject(frank));
            BreakDueEvent forErin = DeliveryKafka.dueEvent(subject(erin), "web", subject(erin));
            insertInboxRow(forFrank);
            long written = System.nanoTime();
            insertInboxRow(forErin);
            String received = erinStream.until(forErin.breakId().toString(), Duration.ofSeconds(5));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - written);
            assertThat(received).contains(forErin.breakId().toString()).doesNotContain(forFrank.breakId().toString());
            assertThat(frankStream.until(forFrank.breakId().toString(), Duration.ofSeconds(5)))
                    .contains(forFrank.breakId().toString()).doesNotContain(forErin.breakId().toString())
                    .doesNotContain(before.breakId().toString());
            System.out.printf("inbox stream: a committed change reached the open stream after %d ms%n", millis);

            // an outcome recorded by another replica (an update of the row) is pushed as well
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement update = connection.prepareStatement(
                         "update delivery_inbox set outcome = 'skipped', updated_at = ? where break_id = ?")) {
                update.setTimestamp(1, Timestamp.from(Instant.now()));
                update.setObject(2, forErin.breakId());
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
            String skipped = erinStream.untilLine(line -> line.contains(forErin.breakId().toString()) && line.contains("\"skipped\""),
                    Duration.ofSeconds(5));
            assertThat(skipped).doesNotContain(forFrank.breakId().toString());
        }
    }

    private void insertInboxRow(BreakDueEvent event) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("insert into delivery_inbox (break_id, snooze_count, "
                     + "employee_id, due_at, time_zone, channel, event_json, outcome, updated_at) values (?, 0, ?, ?, 'UTC', 'web', ?, null, ?)")) {
            insert.setObject(1, event.breakId());
            insert.setString(2, event.employeeId());
            insert.setTimestamp(3, Timestamp.from(event.dueAt()));
            insert.setString(4, DeliveryKafka.JSON.writeValueAsString(event));
            insert.setTimestamp(5, Timestamp.from(Instant.now()));
            insert.executeUpdate();
        }
    }

    /** An open SSE connection whose lines are collected in the background. */
    record OpenStream(HttpClient client, HttpResponse<InputStream> response, StringBuilder lines, Thread reader)
            implements AutoCloseable {
        static OpenStream of(URL url, String token) throws Exception {
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(url.toURI())
                    .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            StringBuilder lines = new StringBuilder();
            Thread reader = Thread.ofVirtual().start(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        synchronized (lines) {
                            lines.append(line).append('\n');
                            lines.notifyAll();
                        }
                    }
                } catch (java.io.IOException closed) {
                    // the test closed the stream
                }
            });
            return new OpenStream(client, response, lines, reader);
        }

        /** Everything received once {@code marker} arrived; fails if it does not arrive in time. */
        String until(String marker, Duration within) throws InterruptedException {
            return untilLine(line -> line.contains(marker), within);
        }

        /** Everything received once a line matching {@code expected} arrived; fails if none does in time. */
        String untilLine(java.util.function.Predicate<String> expected, Duration within) throws InterruptedException {
            long deadline = System.nanoTime() + within.toNanos();
            synchronized (lines) {
                while (lines.toString().lines().noneMatch(expected)) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    assertThat(left).as("the expected line on the stream within " + within + "; got: " + lines).isPositive();
                    lines.wait(left);
                }
                return lines.toString();
            }
        }

        @Override
        public void close() throws Exception {
            response.body().close();
            client.close();
        }
    }

    static String subject(String accessToken) {
        String payload = new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]), StandardCharsets.UTF_8);
        return DeliveryKafka.json(payload).path("sub").asText();
    }

}
