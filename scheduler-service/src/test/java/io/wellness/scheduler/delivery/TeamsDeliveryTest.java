package io.wellness.scheduler.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.wellness.common.events.BreakDueEvent;
import io.wellness.common.events.Topics;
import io.wellness.scheduler.delivery.fake.FakeChatServer;
import io.wellness.scheduler.delivery.fake.FakeChats;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Teams through a local Bot Framework (login, connector, OpenID metadata + JWKS with a test RSA key). */
@QuarkusTest
class TeamsDeliveryTest {
    private static final String ISSUER = "https://api.botframework.com";
    private final FakeChatServer fake = FakeChats.server();

    @Test
    void sendsAnAdaptiveCardAndAcceptsASignedInvokeOnce() throws Exception {
        String conversation = "a:1conv" + System.nanoTime();
        BreakDueEvent due = DeliveryKafka.dueEvent(UUID.randomUUID().toString(), "teams", conversation);
        try (DeliveryKafka.Reader outcomes = new DeliveryKafka.Reader(Topics.OUTCOMES)) {
            DeliveryKafka.produce(due);
            await().atMost(Duration.ofSeconds(15)).until(() -> !activities(conversation).isEmpty());

            FakeChatServer.Recorded login = fake.requests(r -> r.path().equals("/teams/login")).get(0);
            assertThat(login.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
            assertThat(login.body()).contains("grant_type=client_credentials", "client_id=" + FakeChats.TEAMS_APP_ID,
                    "scope=https%3A%2F%2Fapi.botframework.com%2F.default");

            FakeChatServer.Recorded post = activities(conversation).get(0);
            assertThat(post.header("Authorization")).isEqualTo("Bearer test-connector-token");
            JsonNode activity = DeliveryKafka.json(post.body());
            assertThat(activity.path("type").asText()).isEqualTo("message");
            JsonNode attachment = activity.path("attachments").get(0);
            assertThat(attachment.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
            JsonNode card = attachment.path("content");
            assertThat(card.path("type").asText()).isEqualTo("AdaptiveCard");
            assertThat(card.path("version").asText()).isEqualTo("1.5");
            assertThat(card.path("body").toString()).contains("Neck roll", "Roll your head slowly", "Stop if you feel dizziness.");
            assertThat(card.path("actions").findValuesAsText("type")).containsOnly("Action.Execute");
            assertThat(card.path("actions").findValuesAsText("verb")).containsExactly("done", "snooze", "skip");
            assertThat(card.path("actions").get(0).path("data").path("breakId").asText()).isEqualTo(due.breakId().toString());

            String token = jwt(FakeChats.botFrameworkKey().getPrivate(), FakeChats.TEAMS_KEY_ID, ISSUER, FakeChats.TEAMS_APP_ID,
                    Instant.now().plusSeconds(600));
            invoke(token, conversation, "snooze", due).then().statusCode(200)
                    .body("statusCode", equalTo(200))
                    .body("type", equalTo("application/vnd.microsoft.card.adaptive"))
                    .body("value.version", equalTo("1.5"));
            String second = invoke(token, conversation, "done", due).then().statusCode(200).extract().asString();
            assertThat(second).contains("Snoozed.").doesNotContain("Action.Execute");

            List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> events =
                    outcomes.during(DeliveryKafka.about(due.breakId()), Duration.ofSeconds(3));
            assertThat(events).hasSize(1);
            assertThat(DeliveryKafka.json(events.get(0).value()).path("outcome").asText()).isEqualTo("snoozed");
            assertThat(DeliveryKafka.json(events.get(0).value()).path("snoozeNumber").asInt()).isEqualTo(1);
            assertThat(DeliveryKafka.json(events.get(0).value()).path("channel").asText()).isEqualTo("teams");
        }
    }

    @Test
    void refusesInvokesWithoutAValidBotFrameworkToken() throws Exception {
        BreakDueEvent due = DeliveryKafka.dueEvent(UUID.randomUUID().toString(), "teams", "a:1other");
        PrivateKey ours = FakeChats.botFrameworkKey().getPrivate();
        Instant later = Instant.now().plusSeconds(600);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey foreign = generator.generateKeyPair().getPrivate();

        invoke(null, "a:1other", "done", due).then().statusCode(401);
        invoke(jwt(ours, FakeChats.TEAMS_KEY_ID, ISSUER, "another-bot", later), "a:1other", "done", due).then().statusCode(401);
        invoke(jwt(ours, FakeChats.TEAMS_KEY_ID, "https://sts.windows.net/evil/", FakeChats.TEAMS_APP_ID, later), "a:1other", "done", due).then().statusCode(401);
        invoke(jwt(ours, FakeChats.TEAMS_KEY_ID, ISSUER, FakeChats.TEAMS_APP_ID, Instant.now().minusSeconds(600)), "a:1other", "done", due).then().statusCode(401);
        invoke(jwt(foreign, FakeChats.TEAMS_KEY_ID, ISSUER, FakeChats.TEAMS_APP_ID, later), "a:1other", "done", due).then().statusCode(401);
        invoke(jwt(foreign, "unknown-kid", ISSUER, FakeChats.TEAMS_APP_ID, later), "a:1other", "done", due).then().statusCode(401);
        String unsigned = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(claims(ISSUER, FakeChats.TEAMS_APP_ID, later)) + ".";
        invoke(unsigned, "a:1other", "done", due).then().statusCode(401);
        // a valid token for a break that was never sent to that conversation records nothing
        invoke(jwt(ours, FakeChats.TEAMS_KEY_ID, ISSUER, FakeChats.TEAMS_APP_ID, later), "a:1other", "done", due)
                .then().statusCode(200).body("statusCode", equalTo(404));
    }

    private List<FakeChatServer.Recorded> activities(String conversation) {
        String encoded = java.net.URLEncoder.encode(conversation, StandardCharsets.UTF_8);
        return fake.requests(r -> r.path().equals("/teams/connector/v3/conversations/" + encoded + "/activities")
                || r.path().equals("/teams/connector/v3/conversations/" + conversation + "/activities"));
    }

    private io.restassured.response.Response invoke(String token, String conversation, String verb, BreakDueEvent due) {
        String body = "{\"type\":\"invoke\",\"name\":\"adaptiveCard/action\",\"channelId\":\"msteams\",\"serviceUrl\":\""
                + fake.baseUrl() + "/teams/connector/\",\"from\":{\"id\":\"29:1user\",\"aadObjectId\":\"00000000-0000-0000-0000-000000000001\"},"
                + "\"conversation\":{\"id\":\"" + conversation + "\",\"conversationType\":\"personal\"},"
                + "\"recipient\":{\"id\":\"28:" + FakeChats.TEAMS_APP_ID + "\"},"
                + "\"value\":{\"action\":{\"type\":\"Action.Execute\",\"verb\":\"" + verb + "\",\"data\":{\"breakId\":\""
                + due.breakId() + "\",\"snoozeCount\":" + due.snoozeCount() + "}},\"trigger\":\"manual\"}}";
        var request = given().contentType("application/json").body(body);
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        return request.post("/api/scheduler/chat/teams/messages");
    }

    static String claims(String issuer, String audience, Instant expires) {
        long now = Instant.now().getEpochSecond();
        return "{\"iss\":\"" + issuer + "\",\"aud\":\"" + audience + "\",\"exp\":" + expires.getEpochSecond()
                + ",\"nbf\":" + (now - 60) + ",\"iat\":" + (now - 60) + "}";
    }

    static String jwt(PrivateKey key, String kid, String issuer, String audience, Instant expires) throws Exception {
        String signingInput = b64("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"typ\":\"JWT\",\"x5t\":\"" + kid + "\"}")
                + "." + b64(claims(issuer, audience, expires));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
    }

    static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
