package io.wellness.scheduler.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.wellness.common.events.BreakDueEvent;
import io.wellness.common.events.Topics;
import io.wellness.scheduler.delivery.fake.FakeChatServer;
import io.wellness.scheduler.delivery.fake.FakeChats;
import io.wellness.scheduler.delivery.security.Hmac;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/** Mattermost (incoming webhook + signed action context) and the generic signed webhook with one-click links. */
@QuarkusTest
class MattermostAndWebhookTest {
    private final FakeChatServer fake = FakeChats.server();

    @Test
    void mattermostPostsToTheUserAndAcceptsOnlyItsSignedActionToken() {
        String username = "dora" + System.nanoTime();
        BreakDueEvent due = DeliveryKafka.dueEvent(UUID.randomUUID().toString(), "mattermost", "@" + username);
        try (DeliveryKafka.Reader outcomes = new DeliveryKafka.Reader(Topics.OUTCOMES)) {
            DeliveryKafka.produce(due);
            await().atMost(Duration.ofSeconds(15)).until(() -> !posts(username).isEmpty());
            FakeChatServer.Recorded post = posts(username).get(0);
            assertThat(post.path()).isEqualTo("/mattermost/hooks/test-hook-key");
            assertThat(post.header("Content-Type")).startsWith("application/json");
            JsonNode body = DeliveryKafka.json(post.body());
            assertThat(body.path("channel").asText()).isEqualTo("@" + username);
            JsonNode attachment = body.path("attachments").get(0);
            assertThat(attachment.path("text").asText()).contains("Neck roll", "Roll your head slowly");
            JsonNode actions = attachment.path("actions");
            assertThat(actions.findValuesAsText("id")).containsExactly("done", "snooze", "skip");
            assertThat(actions.get(0).path("integration").path("url").asText()).endsWith("/api/scheduler/chat/mattermost/actions");
            JsonNode doneContext = actions.get(0).path("integration").path("context");
            JsonNode skipContext = actions.get(2).path("integration").path("context");

            String token = doneContext.path("token").asText();
            String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
            action(username, ((com.fasterxml.jackson.databind.node.ObjectNode) doneContext.deepCopy()).put("token", tampered)).then().statusCode(401);
            action(username, ((com.fasterxml.jackson.databind.node.ObjectNode) doneContext.deepCopy()).put("token", skipContext.path("token").asText().replace("v1.", "v1.x"))).then().statusCode(401);
            action("someone-else", doneContext).then().statusCode(403);

            action(username, doneContext).then().statusCode(200)
                    .body("update.props.attachments[0].text", containsString("Done."));
            action(username, doneContext).then().statusCode(200).body("ephemeral_text", containsString("Already recorded"));
            action(username, skipContext).then().statusCode(200)
                    .body("update.props.attachments[0].text", containsString("Done."));
            List<ConsumerRecord<String, String>> events = outcomes.during(DeliveryKafka.about(due.breakId()), Duration.ofSeconds(3));
            assertThat(events).hasSize(1);
            assertThat(DeliveryKafka.json(events.get(0).value()).path("outcome").asText()).isEqualTo("completed");
        }
    }

    @Test
    void webhookIsSignedAndItsLinksWorkOnceAndExpire() {
        BreakDueEvent due = DeliveryKafka.dueEvent(UUID.randomUUID().toString(), "webhook", "ops");
        try (DeliveryKafka.Reader outcomes = new DeliveryKafka.Reader(Topics.OUTCOMES)) {
            DeliveryKafka.produce(due);
            await().atMost(Duration.ofSeconds(15)).until(() -> !webhooks(due).isEmpty());
            FakeChatServer.Recorded post = webhooks(due).get(0);
            String timestamp = post.header("X-Wellness-Timestamp");
            assertThat(Math.abs(Long.parseLong(timestamp) - Instant.now().getEpochSecond())).isLessThan(30);
            String expected = "sha256=" + Hmac.sha256Hex(FakeChats.WEBHOOK_SECRET, (timestamp + "." + post.body()).getBytes(StandardCharsets.UTF_8));
            assertThat(post.header("X-Wellness-Signature")).isEqualTo(expected);
            assertThat(post.header("X-Wellness-Delivery")).isEqualTo(due.breakId() + ":0");
            JsonNode body = DeliveryKafka.json(post.body());
            assertThat(body.path("exercises").findValuesAsText("name")).containsExactly("Neck roll", "Wrist stretch");
            String skipLink = body.path("actions").path("skipped").asText();
            String doneLink = body.path("actions").path("completed").asText();
            assertThat(skipLink).contains("/api/scheduler/chat/actions/");

            String skipToken = skipLink.substring(skipLink.lastIndexOf('/') + 1);
            String doneToken = doneLink.substring(doneLink.lastIndexOf('/') + 1);
            given().get("/api/scheduler/chat/actions/" + skipToken.substring(0, skipToken.length() - 3) + "abc")
                    .then().statusCode(410);
            given().get("/api/scheduler/chat/actions/" + skipToken).then().statusCode(200)
                    .contentType(containsString("text/html")).body(containsString("Recorded: Skip"));
            given().get("/api/scheduler/chat/actions/" + skipToken).then().statusCode(200).body(containsString("already recorded"));
            given().get("/api/scheduler/chat/actions/" + doneToken).then().statusCode(200).body(containsString("already recorded"));

            List<ConsumerRecord<String, String>> events = outcomes.during(DeliveryKafka.about(due.breakId()), Duration.ofSeconds(3));
            assertThat(events).hasSize(1);
            assertThat(DeliveryKafka.json(events.get(0).value()).path("outcome").asText()).isEqualTo("skipped");
            assertThat(DeliveryKafka.json(events.get(0).value()).path("channel").asText()).isEqualTo("link");
        }
    }

    @Test
    void anExpiredLinkIsRefused() {
        var tokens = new io.wellness.scheduler.delivery.security.ActionTokens(FakeChats.ACTION_SECRET);
        String expired = tokens.sign(new io.wellness.scheduler.delivery.security.ActionToken(UUID.randomUUID(), 0,
                io.wellness.common.events.BreakOutcome.COMPLETED, "someone", Instant.now().minusSeconds(5)));
        given().get("/api/scheduler/chat/actions/" + expired).then().statusCode(410).body(containsString("not valid any more"));
        String valid = tokens.sign(new io.wellness.scheduler.delivery.security.ActionToken(UUID.randomUUID(), 0,
                io.wellness.common.events.BreakOutcome.COMPLETED, "someone", Instant.now().plusSeconds(60)));
        given().get("/api/scheduler/chat/actions/" + valid).then().statusCode(404);
    }

    private List<FakeChatServer.Recorded> posts(String username) {
        return fake.requests(r -> r.path().startsWith("/mattermost/hooks/") && r.body().contains("\"@" + username + "\""));
    }

    private List<FakeChatServer.Recorded> webhooks(BreakDueEvent due) {
        return fake.requests(r -> r.path().equals("/webhook/ops") && r.body().contains(due.breakId().toString()));
    }

    private io.restassured.response.Response action(String username, JsonNode context) {
        String body = "{\"user_id\":\"rrp1wd6dqfyq5dc5i3ojsh3wpc\",\"user_name\":\"" + username + "\",\"channel_id\":\"c1\","
                + "\"channel_name\":\"direct\",\"team_id\":\"t1\",\"team_domain\":\"acme\",\"post_id\":\"p1\",\"trigger_id\":\"tr1\","
                + "\"type\":\"\",\"data_source\":\"\",\"context\":" + context + "}";
        return given().contentType("application/json").body(body).post("/api/scheduler/chat/mattermost/actions");
    }
}
