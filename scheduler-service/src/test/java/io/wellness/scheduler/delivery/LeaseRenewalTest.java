package io.wellness.scheduler.delivery;

import io.quarkus.test.junit.QuarkusTest;
import io.wellness.common.events.BreakDueEvent;
import io.wellness.scheduler.delivery.fake.FakeChatServer;
import io.wellness.scheduler.delivery.fake.FakeChats;
import io.wellness.scheduler.delivery.service.LeaseRenewer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A delivery still being attempted (here: waiting in its recipient's rate-limit lane) keeps its lease, so no other
 * replica's retry sweep sends it a second time; a finished one is not leased again, so a dead replica's work is
 * taken over one short lease later.
 */
@QuarkusTest
class LeaseRenewalTest {
    private static final int BREAKS = 7;

    private final FakeChatServer slack = FakeChats.server();

    @Inject
    LeaseRenewer leases;

    @Inject
    DataSource dataSource;

    @Test
    void attemptsInProgressKeepTheirLeaseAndFinishedOnesAreReleased() throws Exception {
        String userId = "ULEASE" + System.nanoTime();
        String employeeId = UUID.randomUUID().toString();
        for (int i = 0; i < BREAKS; i++) {
            DeliveryKafka.produce(DeliveryKafka.dueEvent(employeeId, "slack", userId));
        }
        // a burst of 3, then one a second per Slack channel: the last ones wait in the lane for seconds
        await().atMost(Duration.ofSeconds(15)).until(() -> rows(employeeId).size() == BREAKS);
        Map<UUID, Timestamp> waiting = pendingLeases(employeeId);
        assertThat(waiting).isNotEmpty();
        Thread.sleep(20);
        assertThat(leases.renew()).isPositive();
        Map<UUID, Timestamp> renewed = pendingLeases(employeeId);
        assertThat(waiting.entrySet()).anySatisfy(claimed ->
                assertThat(renewed.get(claimed.getKey())).isAfter(claimed.getValue()));

        await().atMost(Duration.ofSeconds(20)).until(() -> rows(employeeId).values().stream().allMatch("sent"::equals));
        leases.renew();
        assertThat(pendingLeases(employeeId)).isEmpty();
        assertThat(leaseCount(employeeId)).isZero();
        assertThat(slack.requests(r -> r.body().contains("\"channel\":\"" + userId + "\""))).hasSize(BREAKS);
    }

    /** Status by break id. */
    private Map<UUID, String> rows(String employeeId) throws Exception {
        Map<UUID, String> rows = new HashMap<>();
        query("select break_id, status from delivery_log where employee_id = ?", employeeId,
                result -> rows.put(result.getObject(1, UUID.class), result.getString(2)));
        return rows;
    }

    private Map<UUID, Timestamp> pendingLeases(String employeeId) throws Exception {
        Map<UUID, Timestamp> leased = new HashMap<>();
        query("select break_id, lease_until from delivery_log where employee_id = ? and status = 'pending' "
                + "and lease_until is not null", employeeId, result -> leased.put(result.getObject(1, UUID.class), result.getTimestamp(2)));
        return leased;
    }

    private int leaseCount(String employeeId) throws Exception {
        int[] count = {0};
        query("select count(*) from delivery_log where employee_id = ? and lease_until is not null", employeeId,
                result -> count[0] = result.getInt(1));
        return count[0];
    }

    private interface Row {
        void read(ResultSet result) throws Exception;
    }

    private void query(String sql, String employeeId, Row row) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, employeeId);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    row.read(result);
                }
            }
        }
    }
}
