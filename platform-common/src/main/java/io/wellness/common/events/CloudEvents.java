package io.wellness.common.events;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * CloudEvents 1.0 Kafka protocol binding, binary content mode: the event's attributes travel as {@code ce_*}
 * headers and the record value is the JSON data. Event types carry their major version ({@code ...v1}).
 */
public final class CloudEvents {
    public static final String SPEC_VERSION = "1.0";
    public static final String HEADER_SPEC_VERSION = "ce_specversion";
    public static final String HEADER_ID = "ce_id";
    public static final String HEADER_SOURCE = "ce_source";
    public static final String HEADER_TYPE = "ce_type";
    public static final String HEADER_SUBJECT = "ce_subject";
    public static final String HEADER_TIME = "ce_time";
    public static final String HEADER_DATA_SCHEMA = "ce_dataschema";
    public static final String HEADER_CONTENT_TYPE = "content-type";
    /** Extension attribute: the gateway's request id, so one click can be followed across services. */
    public static final String HEADER_CORRELATION_ID = "ce_correlationid";

    public static final String TYPE_DUE = "io.wellness.microbreak.due.v1";
    public static final String TYPE_DELIVERED = "io.wellness.microbreak.delivered.v1";
    public static final String TYPE_OUTCOME = "io.wellness.microbreak.outcome.v1";

    private CloudEvents() {
    }

    public static Headers headers(String id, String source, String type, String subject, Instant time,
                                  String correlationId) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, HEADER_SPEC_VERSION, SPEC_VERSION);
        add(headers, HEADER_ID, id);
        add(headers, HEADER_SOURCE, source);
        add(headers, HEADER_TYPE, type);
        add(headers, HEADER_SUBJECT, subject);
        add(headers, HEADER_TIME, time.toString());
        add(headers, HEADER_DATA_SCHEMA, schemaFor(type));
        add(headers, HEADER_CONTENT_TYPE, "application/json");
        if (correlationId != null && !correlationId.isBlank()) {
            add(headers, HEADER_CORRELATION_ID, correlationId);
        }
        return headers;
    }

    public static String header(Headers headers, String name) {
        var header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The JSON Schema of an event type, as published in contracts/schemas. */
    public static String schemaFor(String type) {
        return switch (type) {
            case TYPE_DUE -> "https://wellness.example/contracts/schemas/break-due.v1.json";
            case TYPE_DELIVERED -> "https://wellness.example/contracts/schemas/break-delivered.v1.json";
            case TYPE_OUTCOME -> "https://wellness.example/contracts/schemas/break-outcome.v1.json";
            default -> throw new IllegalArgumentException("unknown event type " + type);
        };
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
