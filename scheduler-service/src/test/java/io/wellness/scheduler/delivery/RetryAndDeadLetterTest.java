package io.wellness.scheduler.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.wellness.common.events.BreakDueEvent;
import io.wellness.common.events.CloudEvents;
import io.wellness.common.events.Topics;
import io.wellness.scheduler.delivery.fake.FakeChatServer;
import io.wellness.scheduler.delivery.fake.FakeChatServer.Reply;
import io.wellness.scheduler.delivery.fake.FakeChats;
import io.wellness.scheduler.delivery.kafka.DeliveryEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Retries with backoff, 429 Retry-After, 5xx, timeouts, Slack error bodies and the dead-letter topic, against the
 * fake Slack (test config: backoff 0.2 s..1 s, request timeout 1 s, give up after 8 s).
 */
@QuarkusTest
class RetryAndDeadLetterTest {
    private static final String POST_MESSAGE = "/slack/api/chat.postMessage";
    private final FakeChatServer fake = FakeChats.server();

    @Test
    void honoursRetryAfterOf429AndThenSends() {
        String user = "U429" + System.nanoTime();
        fake.script(POST_MESSAGE, user, Reply.json(429, "{\"ok\":false,\"error\":\"ratelimited\"}").withHeader("Retry-After", "2"));
        BreakDueEvent due = DeliveryKafka.dueEvent(UUID.randomUUID().toString(), "slack", user);
        try (DeliveryKafka.Reader delivered = new DeliveryKafka.Reader(Topics.DELIVERED)) {
            DeliveryKafka.produce(due);
            List<FakeChatServer.Recorded> posts = awaitPosts(user, 2, Duration.ofSeconds(15));
            double waitedSeconds = (posts.get(1).receivedNanos() - posts.get(0).receivedNanos()) / 1e9;
            assertThat(waitedSeconds).isGreaterThanOrEqualTo(1.9);
            List<ConsumerRecord<String, String>> results = delivered.await(DeliveryKafka.about(due.breakId()), 2, Duration.ofSeconds(10));
            assertThat(results).extracting(r -> DeliveryKafka.json(r.value()).path("status").asText()).containsExactly("failed", "sent");
            assertThat(DeliveryKafka.json(results.get(0).value()).path("error").asText()).contains("429");
            assertThat(DeliveryKafka.json(results.get(1).value()).path("attempt").asInt()).isEqualTo(2);
        }
    }

    @Test
    void retriesServerErrorsTimeoutsAndTransientSlackErrorsWithBackoff() {
        String user = "U5XX" + System.nanoTime();
        fake.script(POST_MESSAGE, user,
                Reply.json(503, "upstream unavailable"),
                Reply.json(200, "{\"ok\":true,\"channel\":\"D1\",\"ts\":\"1.1\"}").after(Duration.ofMillis(1500)),
                Reply.json(200, "{\"ok\":false,\"error\":\"internal_error\"}"));
        BreakDueEvent due = DeliveryKafka.dueEvent(UUID.randomUUID().toString(), "slack", user);
        try (DeliveryKafka.Reader delivered = new DeliveryKafka.Reader(Topics.DELIVERED)) {
            DeliveryKafka.produce(due);
            awaitPosts(user, 4, Duration.ofSeconds(20));
            List<ConsumerRecord<String, String>> results = delivered.await(DeliveryKafka.about(due.breakId()), 4, Duration.ofSeconds(10));
            assertThat(results).extracting(r -> DeliveryKafka.json(r.value()).path("status").asText())
                    .containsExactly("failed", "failed", "failed", "sent");
            assertThat(results).extracting(r -> DeliveryKafka.json(r.value()).path("error").asText())
                    .containsExactly("slack chat.postMessage: HTTP 503", "slack chat.postMessage: timed out",
                            "slack chat.postMessage: internal_error", "null");
            assertThat(results).extracting(r -> DeliveryKafka.json(r.value()).path("attempt").asInt()).containsExactly(1, 2, 3, 4);
            assertThat(results).allSatisfy(r -> assertThat(r.key()).isEqualTo(due.employeeId()));
            assertThat(CloudEvents.header(results.get(0).headers(), CloudEvents.HEADER_TYPE)).isEqualTo(CloudEvents.TYPE_DELIVERED);
        }
    }

    @Test
    void aPermanentSlackErrorGoesStraightToTheDeadLetterTopicWithTheReason() {
        String user = "UGONE" + System.nanoTime();
        fake.script(POST_MESSAGE, user, Reply.json(200, "{\"ok\":false,\"error\":\"channel_not_found\"}"));
        BreakDueEvent due = DeliveryKafka.dueEvent(UUID.randomUUID().toString(), "slack", user);
        try (DeliveryKafka.Reader deadLetters = new DeliveryKafka.Reader(Topics.DUE_DEAD_LETTER)) {
            DeliveryKafka.produce(due);
            ConsumerRecord<String, String> dead = deadLetters.await(DeliveryKafka.about(due.breakId()), 1, Duration.ofSeconds(15)).get(0);
            assertThat(dead.key()).isEqualTo(due.employeeId());
            assertThat(CloudEvents.header(dead.headers(), DeliveryEvents.HEADER_DEAD_LETTER_REASON)).isEqualTo("slack chat.postMessage: channel_not_found");
            JsonNode body = DeliveryKafka.json(dead.value());
            assertThat(body.path("reason").asText()).isEqualTo("slack chat.postMessage: channel_not_found");
            assertThat(body.path("event").path("breakId").asText()).isEqualTo(due.breakId().toString());
            assertThat(body.path("attempts").asInt()).isEqualTo(1);
        }
        assertThat(awaitPosts(user, 1, Duration.ofSeconds(1))).hasSize(1);
    }

    @Test
    void aDeliveryFailingForLongerThanTheBoundGoesToTheDeadLetterTopic() {
        String user = "UDOWN" + System.nanoTime();
        Reply[] failures = new Reply[40];
        java.util.Arrays.fill(failures, Reply.json(502, "bad gateway"));
        fake.script(POST_MESSAGE, user, failures);
        BreakDueEvent due = DeliveryKafka.dueEvent(UUID.randomUUID().toString(), "slack", user);
        try (DeliveryKafka.Reader deadLetters = new DeliveryKafka.Reader(Topics.DUE_DEAD_LETTER);
             DeliveryKafka.Reader delivered = new DeliveryKafka.Reader(Topics.DELIVERED)) {
            DeliveryKafka.produce(due);
            ConsumerRecord<String, String> dead = deadLetters.await(DeliveryKafka.about(due.breakId()), 1, Duration.ofSeconds(25)).get(0);
            String reason = CloudEvents.header(dead.headers(), DeliveryEvents.HEADER_DEAD_LETTER_REASON);
            assertThat(reason).startsWith("gave up after").contains("HTTP 502");
            int attempts = Integer.parseInt(CloudEvents.header(dead.headers(), DeliveryEvents.HEADER_DEAD_LETTER_ATTEMPTS));
            assertThat(attempts).isGreaterThanOrEqualTo(4);
            assertThat(awaitPosts(user, attempts, Duration.ofSeconds(1))).hasSize(attempts);
            List<ConsumerRecord<String, String>> results = delivered.await(
                    r -> DeliveryKafka.about(due.breakId()).test(r) && r.value().contains("dead_lettered"), 1, Duration.ofSeconds(5));
            assertThat(results).hasSize(1);
        }
    }

    @Test
    void anUnreadableDueEventIsDeadLetteredNotDropped() {
        String key = "broken-" + UUID.randomUUID();
        try (DeliveryKafka.Reader deadLetters = new DeliveryKafka.Reader(Topics.DUE_DEAD_LETTER)) {
            DeliveryKafka.produceRaw(key, "{\"this is\": not json");
            ConsumerRecord<String, String> dead = deadLetters.await(r -> key.equals(r.key()), 1, Duration.ofSeconds(15)).get(0);
            assertThat(CloudEvents.header(dead.headers(), DeliveryEvents.HEADER_DEAD_LETTER_REASON)).startsWith("unreadable");
        }
    }

    @Test
    void aRateLimitedWorkspaceDoesNotDelayAnotherOne() {
        String slackUser = "UPAUSE" + System.nanoTime();
        fake.script(POST_MESSAGE, slackUser, Reply.json(429, "{\"ok\":false,\"error\":\"ratelimited\"}").withHeader("Retry-After", "3"));
        BreakDueEvent slackDue = DeliveryKafka.dueEvent(UUID.randomUUID().toString(), "slack", slackUser);
        DeliveryKafka.produce(slackDue);
        awaitPosts(slackUser, 1, Duration.ofSeconds(10));
        long pausedAt = System.nanoTime();
        BreakDueEvent webhookDue = DeliveryKafka.dueEvent(UUID.randomUUID().toString(), "webhook", "ops");
        DeliveryKafka.produce(webhookDue);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                !fake.requests(r -> r.path().equals("/webhook/ops") && r.body().contains(webhookDue.breakId().toString())).isEmpty());
        long webhookAt = fake.requests(r -> r.path().equals("/webhook/ops") && r.body().contains(webhookDue.breakId().toString())).get(0).receivedNanos();
        assertThat((webhookAt - pausedAt) / 1e9).isLessThan(2.0);
        List<FakeChatServer.Recorded> slackPosts = awaitPosts(slackUser, 2, Duration.ofSeconds(15));
        assertThat((slackPosts.get(1).receivedNanos() - slackPosts.get(0).receivedNanos()) / 1e9).isGreaterThanOrEqualTo(2.9);
    }

    @Test
    void limitsMessagesPerSlackChannelToAboutOnePerSecondAfterABurst() {
        String user = "URATE" + System.nanoTime();
        for (int i = 0; i < 5; i++) {
            DeliveryKafka.produce(DeliveryKafka.dueEvent(UUID.randomUUID().toString(), "slack", user));
        }
        List<FakeChatServer.Recorded> posts = awaitPosts(user, 5, Duration.ofSeconds(15));
        double spread = (posts.get(4).receivedNanos() - posts.get(0).receivedNanos()) / 1e9;
        // burst of 3, then one per second: the 5th goes about 2 s after the first
        assertThat(spread).isGreaterThanOrEqualTo(1.8);
    }

    private List<FakeChatServer.Recorded> awaitPosts(String user, int count, Duration within) {
        java.util.function.Predicate<FakeChatServer.Recorded> mine =
                r -> r.path().equals(POST_MESSAGE) && r.body().contains("\"channel\":\"" + user + "\"");
        try {
            await().atMost(within).until(() -> fake.requests(mine).size() >= count);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // the assertions below report what arrived
        }
        return fake.requests(mine);
    }
}
