package io.wellness.scheduler.emission;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.wellness.common.events.BreakDueEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written encoding of a due event is byte for byte what Jackson writes for the same record. */
class DueEventJsonTest {
    /** As Quarkus configures its mapper: instants as ISO-8601 text. */
    private static final ObjectMapper JACKSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final String PLAN = "{\"seed\": 7, \"exercises\": [{\"id\": \"neck-tilt\", \"name\": \"Nacken \\\"neigen\\\" ü\"}]}";

    @Test
    void encodesExactlyAsJacksonDoesIncludingEscapesUnicodeAndNulls() throws Exception {
        UUID breakId = UUID.randomUUID();
        Object[][] cases = {
                {"emp-1", "engineering", "Europe/Berlin", "en", "slack", "U123", 0, Instant.parse("2026-06-10T10:00:00Z")},
                {"quote\"back\\slash\ttab", null, "UTC", "de-CH", "web", null, 2, Instant.parse("2026-06-10T10:00:00.123456Z")},
                {"émile-日本", "ventes/équipe", "Asia/Tokyo", "ja", "teams", "a:b\u0001c", 1, Instant.parse("2026-03-29T01:00:00.5Z")}};
        for (Object[] c : cases) {
            DueEventJson record = new DueEventJson(breakId, (String) c[0], (String) c[1], (Instant) c[7], (String) c[2],
                    (String) c[3], new BreakDueEvent.Channel((String) c[4], (String) c[5]), PLAN, (int) c[6]);
            byte[] encoded = DueEventJson.encode(breakId, (String) c[0], (String) c[1], (Instant) c[7], (String) c[2],
                    (String) c[3], (String) c[4], (String) c[5], PLAN.getBytes(StandardCharsets.UTF_8), (int) c[6]);
            assertThat(new String(encoded, StandardCharsets.UTF_8)).isEqualTo(JACKSON.writeValueAsString(record));
            assertThat(JACKSON.readTree(encoded).path("employeeId").asText()).isEqualTo(c[0]);
        }
    }
}
