package io.wellness.scheduler.delivery;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.wellness.scheduler.delivery.fake.FakeChatServer;
import io.wellness.scheduler.delivery.fake.FakeChats;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A replica holds at most {@code max-in-flight} deliveries in memory: with a slow chat API, the rest of a burst
 * waits in the delivery log (not on the heap) and the retry sweep starts each when there is room. Every break is
 * still sent, once.
 */
@QuarkusTest
@TestProfile(MaxInFlightTest.ThreeInFlight.class)
class MaxInFlightTest {
    private static final int MAX_IN_FLIGHT = 3;
    private static final int BREAKS = 12;
    private static final Duration SLACK_ANSWERS_AFTER = Duration.ofMillis(300);

    public static class ThreeInFlight implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("wellness.delivery.max-in-flight", Integer.toString(MAX_IN_FLIGHT));
        }
    }

    private final FakeChatServer slack = FakeChats.server();

    @Inject
    DataSource dataSource;

    @Test
    void aBurstBeyondTheBoundWaitsInTheLogAndIsStillSentOnce() throws Exception {
        String marker = "UFLIGHT" + System.nanoTime();
        FakeChatServer.Reply slow = FakeChatServer.Reply.json(200, "{\"ok\":true,\"channel\":\"D024BE91L\",\"ts\":\"1503435956.000247\"}")
                .after(SLACK_ANSWERS_AFTER);
        slack.script("/slack/api/chat.postMessage", marker, java.util.Collections.nCopies(BREAKS, slow).toArray(FakeChatServer.Reply[]::new));
        List<String> employees = new ArrayList<>();
        for (int i = 0; i < BREAKS; i++) {
            String employeeId = UUID.randomUUID().toString();
            employees.add(employeeId);
            DeliveryKafka.produce(DeliveryKafka.dueEvent(employeeId, "slack", marker + "-" + i));
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> sentCount(employees) == BREAKS);

        List<FakeChatServer.Recorded> requests = slack.requests(r -> r.path().endsWith("chat.postMessage") && r.body().contains(marker));
        Map<String, Long> perChannel = requests.stream().collect(Collectors.groupingBy(
                r -> r.body().replaceAll("(?s).*\"channel\":\"(" + marker + "-\\d+)\".*", "$1"), Collectors.counting()));
        assertThat(perChannel).hasSize(BREAKS).allSatisfy((channel, count) -> assertThat(count).as(channel).isEqualTo(1L));
        // each request is answered 300 ms after it arrived and a delivery leaves memory only after its answer, so
        // no 300 ms window may hold more arrivals than the bound (without it, all twelve arrive at once)
        long window = TimeUnit.MILLISECONDS.toNanos(SLACK_ANSWERS_AFTER.toMillis() - 20);
        List<Long> arrivals = requests.stream().map(FakeChatServer.Recorded::receivedNanos).sorted().toList();
        for (int i = 0; i < arrivals.size(); i++) {
            long start = arrivals.get(i);
            long inWindow = arrivals.stream().filter(t -> t >= start && t < start + window).count();
            assertThat(inWindow).as("requests to Slack within 280 ms of arrival %d", i).isLessThanOrEqualTo(MAX_IN_FLIGHT);
        }
    }

    private long sentCount(List<String> employees) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select count(*) from delivery_log where employee_id = any(?) and status = 'sent'")) {
            statement.setArray(1, connection.createArrayOf("varchar", employees.toArray()));
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
