package io.wellness.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.wellness.common.events.BreakDeliveredEvent;
import io.wellness.common.events.BreakDueEvent;
import io.wellness.common.events.BreakOutcome;
import io.wellness.common.events.BreakOutcomeEvent;
import io.wellness.common.events.CloudEvents;
import io.wellness.common.events.DeterministicIds;
import io.wellness.common.events.Topics;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The Java event records and the published contract (JSON Schemas + AsyncAPI) say the same thing. */
class EventContractTest {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final Instant DUE = Instant.parse("2026-03-29T07:45:00Z");

    static BreakDueEvent due() {
        return new BreakDueEvent(DeterministicIds.breakId("u-1", DUE), "u-1", "engineering", DUE, "Europe/Berlin", "en",
                new BreakDueEvent.Channel("slack", "U0ALICE01"),
                new BreakDueEvent.Plan(42L, "1-ab12", 70, List.of(new BreakDueEvent.PlannedExercise("shoulder-rolls",
                        "Shoulder rolls", 30, "Loosen the shoulders", List.of("Sit tall", "Roll back 5 times"),
                        "5 reps", List.of("Stop if it hurts")))),
                0);
    }

    @Test
    void everyEventValidatesAgainstItsPublishedSchema() throws Exception {
        UUID breakId = DeterministicIds.breakId("u-1", DUE);
        assertThat(validate("break-due.v1.json", due())).isEmpty();
        assertThat(validate("break-outcome.v1.json", new BreakOutcomeEvent(
                DeterministicIds.outcomeId(breakId, BreakOutcome.COMPLETED, 0), breakId, "u-1", BreakOutcome.COMPLETED,
                DUE.plusSeconds(90), "slack", 0, List.of("shoulder-rolls")))).isEmpty();
        assertThat(validate("break-delivered.v1.json", new BreakDeliveredEvent(UUID.randomUUID(), breakId, "u-1", "slack",
                BreakDeliveredEvent.Status.DEAD_LETTERED, 7, 120, "HTTP 503", DUE))).isEmpty();
    }

    @Test
    void aSchemaRejectsAnEventThatBreaksTheContract() throws Exception {
        JsonNode outcome = JSON.valueToTree(new BreakOutcomeEvent(UUID.randomUUID(), UUID.randomUUID(), "u-1",
                BreakOutcome.SKIPPED, DUE, "web", 0, null));
        ((com.fasterxml.jackson.databind.node.ObjectNode) outcome).put("outcome", "ignored");
        ((com.fasterxml.jackson.databind.node.ObjectNode) outcome).remove("employeeId");
        assertThat(schema("break-outcome.v1.json").validate(outcome)).hasSize(2);
    }

    @Test
    void everyRecordFieldIsDocumentedInItsSchema() throws Exception {
        assertDocumented(BreakDueEvent.class, "break-due.v1.json", "");
        assertDocumented(BreakOutcomeEvent.class, "break-outcome.v1.json", "");
        assertDocumented(BreakDeliveredEvent.class, "break-delivered.v1.json", "");
    }

    @Test
    void asyncApiNamesEveryTopicAndEventType() throws Exception {
        JsonNode api;
        try (InputStream in = getClass().getResourceAsStream("/contracts/asyncapi.yaml")) {
            api = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        List<String> addresses = new ArrayList<>();
        api.get("channels").forEach(channel -> addresses.add(channel.get("address").asText()));
        assertThat(addresses).containsExactlyInAnyOrder(Topics.DUE, Topics.DELIVERED, Topics.OUTCOMES, Topics.DUE_DEAD_LETTER);
        List<String> types = new ArrayList<>();
        api.get("components").get("messages").forEach(message -> types.add(message.get("name").asText()));
        assertThat(types).containsExactlyInAnyOrder(CloudEvents.TYPE_DUE, CloudEvents.TYPE_DELIVERED, CloudEvents.TYPE_OUTCOME);
    }

    @Test
    void idsAreDeterministicAndDistinct() {
        UUID first = DeterministicIds.breakId("u-1", DUE);
        assertThat(DeterministicIds.breakId("u-1", DUE)).isEqualTo(first);
        assertThat(DeterministicIds.breakId("u-1", DUE.plusMillis(1))).isNotEqualTo(first);
        assertThat(DeterministicIds.breakId("u-2", DUE)).isNotEqualTo(first);
        assertThat(first.version()).isEqualTo(5);
        // RFC 9562 name-based SHA-1 of "break|u-1|<epoch ms>" in the platform's namespace (Python's uuid.uuid5 gives
        // the same): ids must never change between releases, or a re-send after an upgrade would not be recognised
        assertThat(first).isEqualTo(UUID.fromString("faf18c58-b95b-54da-b71e-24140a823118"));
        assertThat(DeterministicIds.outcomeId(first, BreakOutcome.SNOOZED, 1))
                .isNotEqualTo(DeterministicIds.outcomeId(first, BreakOutcome.SNOOZED, 2))
                .isNotEqualTo(DeterministicIds.outcomeId(first, BreakOutcome.COMPLETED, 0));
    }

    @Test
    void cloudEventHeadersFollowTheKafkaBinding() {
        var headers = CloudEvents.headers("id-1", "/scheduler-service", CloudEvents.TYPE_DUE, "u-1", DUE, "req-9");
        assertThat(CloudEvents.header(headers, "ce_specversion")).isEqualTo("1.0");
        assertThat(CloudEvents.header(headers, "ce_type")).isEqualTo("io.wellness.microbreak.due.v1");
        assertThat(CloudEvents.header(headers, "ce_time")).isEqualTo("2026-03-29T07:45:00Z");
        assertThat(CloudEvents.header(headers, "ce_dataschema")).endsWith("break-due.v1.json");
        assertThat(CloudEvents.header(headers, "ce_correlationid")).isEqualTo("req-9");
        assertThat(CloudEvents.header(headers, "content-type")).isEqualTo("application/json");
    }

    private static Set<ValidationMessage> validate(String schemaFile, Object event) throws Exception {
        return schema(schemaFile).validate(JSON.valueToTree(event));
    }

    private static JsonSchema schema(String file) throws Exception {
        try (InputStream in = EventContractTest.class.getResourceAsStream("/contracts/schemas/" + file)) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(JSON.readTree(in));
        }
    }

    private static void assertDocumented(Class<?> record, String schemaFile, String path) throws Exception {
        JsonNode schema;
        try (InputStream in = EventContractTest.class.getResourceAsStream("/contracts/schemas/" + schemaFile)) {
            schema = JSON.readTree(in);
        }
        assertDocumented(record, schema, path.isEmpty() ? schemaFile : path);
    }

    private static void assertDocumented(Class<?> record, JsonNode schema, String where) {
        JsonNode properties = schema.get("properties");
        for (var component : record.getRecordComponents()) {
            assertThat(properties.has(component.getName())).as(where + " documents " + component.getName()).isTrue();
            Class<?> type = component.getType();
            if (type.isRecord()) {
                assertDocumented(type, properties.get(component.getName()), where + "." + component.getName());
            }
            if (List.class.isAssignableFrom(type)) {
                var generic = (java.lang.reflect.ParameterizedType) component.getGenericType();
                if (generic.getActualTypeArguments()[0] instanceof Class<?> item && item.isRecord()) {
                    assertDocumented(item, properties.get(component.getName()).get("items"), where + "." + component.getName() + "[]");
                }
            }
        }
        assertThat(Arrays.stream(record.getRecordComponents()).map(c -> c.getName()).toList())
                .as(where + " has every documented property").containsAll(iterable(properties.fieldNames()));
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
