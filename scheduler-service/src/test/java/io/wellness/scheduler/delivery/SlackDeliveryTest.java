package io.wellness.scheduler.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.wellness.common.events.BreakDueEvent;
import io.wellness.common.events.CloudEvents;
import io.wellness.common.events.DeterministicIds;
import io.wellness.common.events.BreakOutcome;
import io.wellness.common.events.Topics;
import io.wellness.scheduler.delivery.fake.FakeChatServer;
import io.wellness.scheduler.delivery.fake.FakeChats;
import io.wellness.scheduler.delivery.security.SlackSignatures;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Slack end to end on real Kafka and PostgreSQL, against a local server that plays Slack's Web API. */
@QuarkusTest
class SlackDeliveryTest {
    private final FakeChatServer slack = FakeChats.server();

    @BeforeEach
    void reset() {
        slack.clearScripts();
    }

    @Test
    void dueEventBecomesADirectMessageAndOneClickBecomesExactlyOneOutcome() throws Exception {
        String userId = "U" + System.nanoTime();
        BreakDueEvent due = DeliveryKafka.dueEvent(UUID.randomUUID().toString(), "slack", userId);
        try (DeliveryKafka.Reader outcomes = new DeliveryKafka.Reader(Topics.OUTCOMES);
             DeliveryKafka.Reader delivered = new DeliveryKafka.Reader(Topics.DELIVERED)) {
            DeliveryKafka.produce(due);

            FakeChatServer.Recorded post = awaitPosts(userId, 1).get(0);
            assertThat(post.method()).isEqualTo("POST");
            assertThat(post.header("Authorization")).isEqualTo("Bearer " + FakeChats.SLACK_BOT_TOKEN);
            assertThat(post.header("Content-Type")).startsWith("application/json");
            JsonNode message = DeliveryKafka.json(post.body());
            assertThat(message.path("channel").asText()).isEqualTo(userId);
            assertThat(message.path("text").asText()).contains("Neck roll");
            JsonNode blocks = message.path("blocks");
            assertThat(blocks.toString()).contains("Neck roll", "Roll your head slowly", "5 circles each way", "Stop if you feel dizziness.");
            JsonNode actions = blocks.get(blocks.size() - 1);
            assertThat(actions.path("type").asText()).isEqualTo("actions");
            assertThat(actions.path("elements")).hasSize(3);
            assertThat(actions.path("elements").findValuesAsText("action_id"))
                    .containsExactly("break_completed", "break_snoozed", "break_skipped");
            assertThat(actions.path("elements").findValuesAsText("value")).containsOnly(due.breakId() + ":0");

            ConsumerRecord<String, String> sent = delivered.await(DeliveryKafka.about(due.breakId()), 1, Duration.ofSeconds(10)).get(0);
            assertThat(sent.key()).isEqualTo(due.employeeId());
            JsonNode sentEvent = DeliveryKafka.json(sent.value());
            assertThat(sentEvent.path("status").asText()).isEqualTo("sent");
            assertThat(sentEvent.path("channel").asText()).isEqualTo("slack");
            assertThat(sentEvent.path("attempt").asInt()).isEqualTo(1);

            String responsePath = "/slack/response/T1/" + due.breakId();
            String body = clickBody(userId, due, "break_completed", slack.baseUrl() + responsePath);
            assertThat(click(body, Instant.now()).statusCode()).isEqualTo(200);
            // a second click (new request, new signature) and a retried callback (the same request again)
            assertThat(click(clickBody(userId, due, "break_completed", slack.baseUrl() + responsePath), Instant.now().plusSeconds(1)).statusCode()).isEqualTo(200);
            assertThat(click(clickBody(userId, due, "break_skipped", slack.baseUrl() + responsePath), Instant.now().plusSeconds(2)).statusCode()).isEqualTo(200);

            List<ConsumerRecord<String, String>> events = outcomes.during(DeliveryKafka.about(due.breakId()), Duration.ofSeconds(4));
            assertThat(events).hasSize(1);
            ConsumerRecord<String, String> outcome = events.get(0);
            assertThat(outcome.key()).isEqualTo(due.employeeId());
            JsonNode value = DeliveryKafka.json(outcome.value());
            assertThat(value.path("outcome").asText()).isEqualTo("completed");
            assertThat(value.path("channel").asText()).isEqualTo("slack");
            assertThat(value.path("eventId").asText())
                    .isEqualTo(DeterministicIds.outcomeId(due.breakId(), BreakOutcome.COMPLETED, 0).toString());
            assertThat(value.path("exerciseIds").toString()).contains("neck-roll", "wrist-stretch");
            assertThat(CloudEvents.header(outcome.headers(), CloudEvents.HEADER_TYPE)).isEqualTo(CloudEvents.TYPE_OUTCOME);
            assertThat(CloudEvents.header(outcome.headers(), CloudEvents.HEADER_ID)).isEqualTo(value.path("eventId").asText());
            assertThat(CloudEvents.header(outcome.headers(), CloudEvents.HEADER_SPEC_VERSION)).isEqualTo("1.0");

            List<FakeChatServer.Recorded> updates = slack.requests(r -> r.path().equals(responsePath));
            assertThat(updates).hasSizeGreaterThanOrEqualTo(1);
            JsonNode update = DeliveryKafka.json(updates.get(0).body());
            assertThat(update.path("replace_original").asBoolean()).isTrue();
            assertThat(update.toString()).contains("Done.").doesNotContain("\"actions\"");
            // every update shows the choice that stands, also after the later Skip
            assertThat(updates).allSatisfy(u -> assertThat(u.body()).contains("Done."));
        }
        assertThat(awaitPosts(userId, 1)).hasSize(1);
    }

    @Test
    void aRedeliveredDueEventIsNotSentTwice() throws Exception {
        String userId = "U" + System.nanoTime();
        BreakDueEvent due = DeliveryKafka.dueEvent(UUID.randomUUID().toString(), "slack", userId);
        DeliveryKafka.produce(due);
        awaitPosts(userId, 1);
        DeliveryKafka.produce(due);
        DeliveryKafka.produce(due);
        Thread.sleep(2000);
        assertThat(slack.requests(r -> r.body().contains("\"channel\":\"" + userId + "\""))).hasSize(1);
        // the snoozed re-emission of the same break is a new message
        DeliveryKafka.produce(new BreakDueEvent(due.breakId(), due.employeeId(), due.team(), due.dueAt().plusSeconds(600),
                due.timeZone(), due.locale(), due.channel(), due.plan(), 1));
        assertThat(awaitPosts(userId, 2)).hasSize(2);
    }

    @Test
    void refusesForgedStaleAndReplayedCallbacks() {
        String userId = "U" + System.nanoTime();
        BreakDueEvent due = DeliveryKafka.dueEvent(UUID.randomUUID().toString(), "slack", userId);
        String body = clickBody(userId, due, "break_completed", slack.baseUrl() + "/slack/response/x");
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        String signature = SlackSignatures.sign(FakeChats.SLACK_SIGNING_SECRET, timestamp, body.getBytes(StandardCharsets.UTF_8));

        var tampered = post(body.replace("break_completed", "break_skipped"), timestamp, signature);
        assertThat(tampered.statusCode()).isEqualTo(401);
        assertThat(tampered.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(post(body, timestamp, SlackSignatures.sign("another-secret", timestamp, body.getBytes(StandardCharsets.UTF_8))).statusCode()).isEqualTo(401);
        String old = Long.toString(Instant.now().minusSeconds(360).getEpochSecond());
        assertThat(post(body, old, SlackSignatures.sign(FakeChats.SLACK_SIGNING_SECRET, old, body.getBytes(StandardCharsets.UTF_8))).statusCode()).isEqualTo(401);
        assertThat(post(body, null, null).statusCode()).isEqualTo(401);

        assertThat(post(body, timestamp, signature).statusCode()).isEqualTo(200);
        assertThat(post(body, timestamp, signature).statusCode()).isEqualTo(401);
    }

    @Test
    void aClickByAnotherSlackUserIsNotRecorded() throws Exception {
        String userId = "U" + System.nanoTime();
        BreakDueEvent due = DeliveryKafka.dueEvent(UUID.randomUUID().toString(), "slack", userId);
        try (DeliveryKafka.Reader outcomes = new DeliveryKafka.Reader(Topics.OUTCOMES)) {
            DeliveryKafka.produce(due);
            awaitPosts(userId, 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> delivered(due));
            assertThat(click(clickBody("UINTRUDER", due, "break_skipped", slack.baseUrl() + "/slack/response/y"), Instant.now()).statusCode()).isEqualTo(200);
            assertThat(outcomes.during(DeliveryKafka.about(due.breakId()), Duration.ofSeconds(2))).isEmpty();
        }
    }

    private boolean delivered(BreakDueEvent due) {
        return !slack.requests(r -> r.body().contains(due.channel().address())).isEmpty();
    }

    private List<FakeChatServer.Recorded> awaitPosts(String userId, int count) {
        await().atMost(Duration.ofSeconds(15)).until(() ->
                slack.requests(r -> r.path().equals("/slack/api/chat.postMessage") && r.body().contains("\"channel\":\"" + userId + "\"")).size() >= count);
        return slack.requests(r -> r.path().equals("/slack/api/chat.postMessage") && r.body().contains("\"channel\":\"" + userId + "\""));
    }

    static String clickBody(String userId, BreakDueEvent due, String actionId, String responseUrl) {
        String payload = "{\"type\":\"block_actions\",\"user\":{\"id\":\"" + userId + "\",\"username\":\"someone\",\"team_id\":\"T1\"},"
                + "\"api_app_id\":\"A1\",\"team\":{\"id\":\"T1\",\"domain\":\"acme\"},\"channel\":{\"id\":\"D024BE91L\"},"
                + "\"container\":{\"type\":\"message\",\"message_ts\":\"1503435956.000247\"},\"trigger_id\":\"1.2.3\","
                + "\"response_url\":\"" + responseUrl + "\",\"actions\":[{\"action_id\":\"" + actionId + "\",\"block_id\":\"break_actions\","
                + "\"text\":{\"type\":\"plain_text\",\"text\":\"Done\"},\"value\":\"" + due.breakId() + ":" + due.snoozeCount()
                + "\",\"type\":\"button\",\"action_ts\":\"" + System.nanoTime() + "\"}]}";
        return "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
    }

    static java.net.http.HttpResponse<String> click(String body, Instant at) {
        String timestamp = Long.toString(at.getEpochSecond());
        return post(body, timestamp, SlackSignatures.sign(FakeChats.SLACK_SIGNING_SECRET, timestamp, body.getBytes(StandardCharsets.UTF_8)));
    }

    /** Exactly the bytes Slack would send (the signature covers the raw body). */
    static java.net.http.HttpResponse<String> post(String body, String timestamp, String signature) {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port
                        + "/api/scheduler/chat/slack/interactions"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (timestamp != null) {
            request.header("X-Slack-Request-Timestamp", timestamp);
        }
        if (signature != null) {
            request.header("X-Slack-Signature", signature);
        }
        try (var client = java.net.http.HttpClient.newHttpClient()) {
            return client.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
