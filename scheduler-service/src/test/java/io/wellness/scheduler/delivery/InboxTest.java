package io.wellness.scheduler.delivery;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.wellness.common.events.BreakDueEvent;
import io.wellness.common.events.Topics;
import io.wellness.infra.quarkus.Tokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** The web inbox with real Keycloak tokens: own breaks only, live stream, outcome once. */
@QuarkusTest
class InboxTest {
    @TestHTTPResource("/api/scheduler/inbox/stream")
    URL streamUrl;

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
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(streamUrl.toURI()).header("Authorization", "Bearer " + carol)
                .header("Accept", "text/event-stream").GET().build();
        HttpResponse<java.io.InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        BreakDueEvent forDave = DeliveryKafka.dueEvent(subject(dave), "web", subject(dave));
        BreakDueEvent forCarol = DeliveryKafka.dueEvent(subject(carol), "web", subject(carol));
        DeliveryKafka.produce(forDave);
        DeliveryKafka.produce(forCarol);
        StringBuilder received = new StringBuilder();
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    synchronized (received) {
                        received.append(line).append('\n');
                    }
                    if (line.contains(forCarol.breakId().toString())) {
                        return;
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        reading.get(20, TimeUnit.SECONDS);
        response.body().close();
        assertThat(received.toString()).contains("data:", forCarol.breakId().toString(), "Neck roll")
                .doesNotContain(forDave.breakId().toString());
        client.close();

        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(streamUrl.toURI()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    static String subject(String accessToken) {
        String payload = new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]), StandardCharsets.UTF_8);
        return DeliveryKafka.json(payload).path("sub").asText();
    }

}
