package io.wellness.tracking.ingest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.wellness.common.events.BreakOutcome;
import io.wellness.common.events.BreakOutcomeEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class OutcomeEventDecoderTest {
    /** Configured as Quarkus configures the service's mapper: unknown properties are ignored. */
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final OutcomeEventDecoder decoder = new OutcomeEventDecoder(json.getFactory());

    @Test
    void readsTheEventAsItsProducersWriteIt() throws Exception {
        for (Instant at : List.of(Instant.parse("2024-06-01T08:05:00Z"), Instant.parse("2025-12-31T23:59:59.123Z"),
                Instant.parse("2026-02-28T00:00:00.000000001Z"))) {
            BreakOutcomeEvent event = new BreakOutcomeEvent(UUID.randomUUID(), UUID.randomUUID(), "alice", BreakOutcome.COMPLETED,
                    at, "slack", 2, List.of("neck-roll", "wrist-stretch"));
            assertThat(decoder.decode(json.writeValueAsBytes(event))).isEqualTo(event);
        }
        String sparse = "{\"breakId\":\"6f1c2a9e-0d7b-4a8e-9b51-3f7c2d1e4a50\",\"employeeId\":\"bob\",\"outcome\":\"snoozed\","
                + "\"occurredAt\":\"2024-06-01T08:05:00Z\",\"unknown\":{\"nested\":[1,2]},\"channel\":null}";
        assertThat(decoder.decode(bytes(sparse))).isEqualTo(json.readValue(bytes(sparse), BreakOutcomeEvent.class));
    }

    @Test
    void leavesEveryOtherShapeToDataBinding() {
        String base = "{\"breakId\":\"6f1c2a9e-0d7b-4a8e-9b51-3f7c2d1e4a50\",\"employeeId\":\"bob\",\"outcome\":\"completed\",";
        for (String rest : List.of("\"occurredAt\":\"2024-06-01T10:05:00+02:00\"}", "\"occurredAt\":1717229100}",
                "\"occurredAt\":\"2024-02-30T08:05:00Z\"}", "\"occurredAt\":\"2024-06-01T08:05:00Z\",\"snoozeNumber\":\"1\"}",
                "\"occurredAt\":\"2024-06-01T08:05:00Z\",\"exerciseIds\":\"neck-roll\"}",
                "\"occurredAt\":\"2024-06-01T08:05:00Z\",\"outcome\":\"done\"}", "\"occurredAt\":\"2024-06-01T08:05:00Z\"")) {
            assertThat(decoder.decode(bytes(base + rest))).as(rest).isNull();
        }
        assertThat(decoder.decode(bytes("[1]"))).isNull();
        assertThat(decoder.decode(bytes("not json"))).isNull();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
