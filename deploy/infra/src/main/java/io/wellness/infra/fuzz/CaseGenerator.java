package io.wellness.infra.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Turns one operation into a bounded, reproducible list of hostile requests: the same seed gives the same cases.
 * Structural cases (malformed, empty, huge, wrong media type, wrong method, unknown and foreign ids, missing token)
 * are always kept; field-level cases (wrong types, hostile strings) are sampled to stay under the cap.
 */
final class CaseGenerator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final Set<Integer> BAD_BODY = Set.of(400, 403, 422);
    static final Set<Integer> BAD_PARAM = Set.of(400, 403, 404);
    static final Set<Integer> NOT_FOUND = Set.of(400, 403, 404, 410);
    static final Set<Integer> FOREIGN = Set.of(403, 404);
    static final Set<Integer> ANY = Set.of();
    /** What a relaying target refuses itself, whatever the service behind it would say. */
    private static final Set<FuzzCase.Kind> OWN_REFUSALS = Set.of(FuzzCase.Kind.NO_TOKEN, FuzzCase.Kind.BAD_TOKEN, FuzzCase.Kind.HUGE_BODY);

    private final ApiOperation op;
    private final FuzzTarget target;
    private final String token;
    private final boolean writesMayBeAccepted;
    private final Random random;

    CaseGenerator(ApiOperation op, FuzzTarget target, String token, long seed) {
        this.op = op;
        this.target = target;
        this.token = token;
        this.writesMayBeAccepted = op.isRead() || target.acceptsWrites(op);
        this.random = new Random(seed ^ op.toString().hashCode());
    }

    List<FuzzCase> cases() {
        List<FuzzCase> structural = new ArrayList<>();
        List<FuzzCase> sampled = new ArrayList<>();
        Map<String, String> pathValues = baselinePathValues();
        String baseTarget = target(pathValues, baselineQuery());
        JsonNode baselineBody = baselineBody();

        if (writesMayBeAccepted) {
            structural.add(request(FuzzCase.Kind.BASELINE, "valid request", baseTarget, baselineBody, ANY));
        }
        // a browser without a session is sent to the login page; an API client gets 401
        Set<Integer> anonymous = target.isPublic(op) ? ANY : op.produces().contains("text/html") ? Set.of(302, 401) : Set.of(401);
        structural.add(withHeaders(request(FuzzCase.Kind.NO_TOKEN, "no bearer token", baseTarget, baselineBody, anonymous),
                Map.of()));
        structural.add(withHeaders(request(FuzzCase.Kind.BAD_TOKEN, "garbage bearer token", baseTarget, baselineBody, Set.of(401)),
                Map.of("Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.")));
        if (target.isPublic(op)) {
            structural.set(structural.size() - 1, relaxed(structural.getLast()));
        }
        String other = op.method().equals("PATCH") ? "TRACE" : "PATCH";
        structural.add(request(FuzzCase.Kind.METHOD_NOT_ALLOWED, other + " is not an operation here", other, baseTarget,
                baselineBody, Set.of(405)));

        if (op.body() != null) {
            bodyCases(baseTarget, baselineBody, structural, sampled);
        }
        for (ApiOperation.Parameter p : op.parameters("path")) {
            pathCases(p, pathValues, structural, sampled, baselineBody);
        }
        if (writesMayBeAccepted) {
            for (ApiOperation.Parameter p : op.parameters("query")) {
                queryCases(p, pathValues, sampled, baselineBody);
            }
            headerCases(baseTarget, baselineBody, sampled);
        }

        Collections.shuffle(sampled, random);
        List<FuzzCase> all = new ArrayList<>(structural);
        all.addAll(sampled.subList(0, Math.max(0, Math.min(sampled.size(), target.maxCasesPerOperation() - structural.size()))));
        return all;
    }

    // ---------------------------------------------------------------- bodies

    private void bodyCases(String baseTarget, JsonNode baseline, List<FuzzCase> structural, List<FuzzCase> sampled) {
        if (!op.consumesJson()) {
            structural.add(raw(FuzzCase.Kind.WRONG_MEDIA_TYPE, "JSON instead of " + op.body().mediaType(), baseTarget,
                    "application/json", "{\"fuzz\":true}".getBytes(StandardCharsets.UTF_8), Set.of(400, 403, 415)));
            structural.add(raw(FuzzCase.Kind.HUGE_BODY, "body over the limit", baseTarget, op.body().mediaType(),
                    huge(target.hugeBodyBytes(op)), Set.of(403, 413)));
            if (writesMayBeAccepted) {
                for (String payload : pick(Payloads.ALL, 6)) {
                    sampled.add(raw(FuzzCase.Kind.INJECTION, "body text", baseTarget, op.body().mediaType(),
                            payload.getBytes(StandardCharsets.UTF_8), ANY, payload));
                }
            } else {
                structural.add(raw(FuzzCase.Kind.MALFORMED_JSON, "binary garbage", baseTarget, op.body().mediaType(),
                        new byte[]{0, (byte) 0xff, (byte) 0xfe, 1, 2}, BAD_BODY));
            }
            return;
        }
        String json = "application/json";
        structural.add(raw(FuzzCase.Kind.MALFORMED_JSON, "truncated JSON", baseTarget, json,
                bytes(baseline).length > 2 ? java.util.Arrays.copyOf(bytes(baseline), bytes(baseline).length / 2) : "{\"".getBytes(StandardCharsets.UTF_8), BAD_BODY));
        structural.add(raw(FuzzCase.Kind.MALFORMED_JSON, "not JSON at all", baseTarget, json,
                "fuzz=1&<xml/>".getBytes(StandardCharsets.UTF_8), BAD_BODY));
        structural.add(raw(FuzzCase.Kind.MALFORMED_JSON, "invalid UTF-8", baseTarget, json,
                new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xc3, (byte) 0x28, '"', '}'}, BAD_BODY));
        structural.add(raw(FuzzCase.Kind.EMPTY_BODY, "no body", baseTarget, json, new byte[0], BAD_BODY));
        structural.add(raw(FuzzCase.Kind.EMPTY_BODY, "JSON null", baseTarget, json, "null".getBytes(StandardCharsets.UTF_8), BAD_BODY));
        structural.add(raw(FuzzCase.Kind.WRONG_TYPE, "array instead of object", baseTarget, json,
                (isArray(op.body().schema()) ? "{\"fuzz\":1}" : "[1,2]").getBytes(StandardCharsets.UTF_8), BAD_BODY));
        structural.add(raw(FuzzCase.Kind.WRONG_MEDIA_TYPE, "text/plain", baseTarget, "text/plain", bytes(baseline), Set.of(403, 415)));
        structural.add(raw(FuzzCase.Kind.WRONG_MEDIA_TYPE, "XML", baseTarget, "application/xml",
                "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>".getBytes(StandardCharsets.UTF_8), Set.of(403, 415)));
        structural.add(raw(FuzzCase.Kind.HUGE_BODY, "JSON over the limit", baseTarget, json, hugeJson(target.hugeBodyBytes(op)), Set.of(403, 413)));
        structural.add(raw(FuzzCase.Kind.DEEP_NESTING, "20000 nested arrays", baseTarget, json,
                ("[".repeat(20_000) + "]".repeat(20_000)).getBytes(StandardCharsets.UTF_8), Set.of(400, 403, 413, 422)));

        if (!(baseline instanceof ObjectNode object)) {
            return;
        }
        for (FieldRef field : fields(object, op.body().schema(), "")) {
            sampled.add(mutated(FuzzCase.Kind.WRONG_TYPE, field.path + " of the wrong type", baseTarget, object, field,
                    wrongType(field.schema), BAD_BODY));
            if (field.required) {
                sampled.add(mutated(FuzzCase.Kind.MISSING_REQUIRED, field.path + " missing", baseTarget, object, field, null, BAD_BODY));
            }
            if (isString(field.schema)) {
                int max = field.schema.path("maxLength").asInt(-1);
                if (max > 0) {
                    sampled.add(mutated(FuzzCase.Kind.LONG_STRING, field.path + " longer than maxLength " + max, baseTarget,
                            object, field, NODES.textNode("x".repeat(max + 1)), BAD_BODY));
                } else if (writesMayBeAccepted) {
                    sampled.add(mutated(FuzzCase.Kind.LONG_STRING, field.path + " of 100000 characters", baseTarget,
                            object, field, NODES.textNode("x".repeat(100_000)), ANY));
                }
                if (writesMayBeAccepted) {
                    for (String payload : pick(Payloads.ALL, 4)) {
                        FuzzCase c = mutated(FuzzCase.Kind.INJECTION, field.path + " hostile", baseTarget, object, field,
                                NODES.textNode(payload), ANY);
                        sampled.add(new FuzzCase(c.kind(), c.what(), c.method(), c.target(), c.headers(), c.body(), c.refusedWith(), List.of(payload)));
                    }
                }
            }
        }
    }

    private record FieldRef(String path, List<Object> steps, JsonNode schema, boolean required) {
    }

    /** Object properties down to two levels, and the first item of arrays of objects. */
    private List<FieldRef> fields(ObjectNode value, JsonNode schema, String prefix) {
        List<FieldRef> refs = new ArrayList<>();
        collect(value, schema, prefix, new ArrayList<>(), refs, 0);
        return refs;
    }

    private void collect(JsonNode value, JsonNode schema, String prefix, List<Object> steps, List<FieldRef> refs, int depth) {
        if (depth > 2 || schema == null) {
            return;
        }
        if (value instanceof ObjectNode object && schema.has("properties")) {
            Set<String> required = new java.util.HashSet<>();
            schema.path("required").forEach(r -> required.add(r.asText()));
            schema.get("properties").fields().forEachRemaining(e -> {
                if (!object.has(e.getKey())) {
                    return;
                }
                List<Object> next = new ArrayList<>(steps);
                next.add(e.getKey());
                String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
                refs.add(new FieldRef(path, next, e.getValue(), required.contains(e.getKey())));
                collect(object.get(e.getKey()), e.getValue(), path, next, refs, depth + 1);
            });
        } else if (value instanceof ArrayNode array && !array.isEmpty() && schema.has("items")) {
            List<Object> next = new ArrayList<>(steps);
            next.add(0);
            collect(array.get(0), schema.get("items"), prefix + "[0]", next, refs, depth + 1);
        }
    }

    private FuzzCase mutated(FuzzCase.Kind kind, String what, String baseTarget, ObjectNode baseline, FieldRef field,
                             JsonNode replacement, Set<Integer> expected) {
        ObjectNode copy = baseline.deepCopy();
        JsonNode parent = copy;
        for (int i = 0; i < field.steps.size() - 1; i++) {
            Object step = field.steps.get(i);
            parent = step instanceof Integer index ? parent.get(index) : parent.get((String) step);
        }
        Object last = field.steps.getLast();
        if (last instanceof Integer index) {
            if (replacement == null) {
                ((ArrayNode) parent).remove(index);
            } else {
                ((ArrayNode) parent).set(index, replacement);
            }
        } else if (replacement == null) {
            ((ObjectNode) parent).remove((String) last);
        } else {
            ((ObjectNode) parent).set((String) last, replacement);
        }
        return request(kind, what, baseTarget, copy, expected);
    }

    // ---------------------------------------------------------------- parameters

    private void pathCases(ApiOperation.Parameter p, Map<String, String> values, List<FuzzCase> structural,
                           List<FuzzCase> sampled, JsonNode body) {
        Map<String, String> unknown = new LinkedHashMap<>(values);
        unknown.put(p.name(), unknownId(p.schema()));
        structural.add(request(FuzzCase.Kind.UNKNOWN_ID, p.name() + " unknown", target(unknown, baselineQuery()), body,
                target.isOpenKey(p.name()) ? ANY : NOT_FOUND));
        for (String foreign : target.foreignValues(op, p.name())) {
            Map<String, String> theirs = new LinkedHashMap<>(values);
            theirs.put(p.name(), foreign);
            structural.add(request(FuzzCase.Kind.FOREIGN_ID, p.name() + " of another person", target(theirs, baselineQuery()), body, FOREIGN));
        }
        if (!isString(p.schema()) || isUuid(p.schema())) {
            Map<String, String> wrong = new LinkedHashMap<>(values);
            wrong.put(p.name(), "not-a-" + typeOf(p.schema()));
            structural.add(request(FuzzCase.Kind.BAD_PARAMETER, p.name() + " of the wrong type", target(wrong, baselineQuery()), body, BAD_PARAM));
        }
        Set<Integer> expected = writesMayBeAccepted ? ANY : NOT_FOUND;
        for (String payload : pick(Payloads.ALL, 8)) {
            Map<String, String> hostile = new LinkedHashMap<>(values);
            hostile.put(p.name(), payload);
            sampled.add(withEchoes(request(FuzzCase.Kind.INJECTION, p.name() + " hostile", target(hostile, baselineQuery()), body, expected), payload));
        }
        // un-encoded traversal: the segment separators reach the router as they are
        String template = op.path();
        String rawTraversal = template.replace("{" + p.name() + "}", "..%2F..%2F..%2F..%2Fetc%2Fpasswd");
        for (Map.Entry<String, String> v : values.entrySet()) {
            rawTraversal = rawTraversal.replace("{" + v.getKey() + "}", encode(v.getValue()));
        }
        sampled.add(withEchoes(request(FuzzCase.Kind.INJECTION, p.name() + " encoded traversal", rawTraversal + query(baselineQuery()), body, expected), "etc/passwd"));
        sampled.add(withEchoes(request(FuzzCase.Kind.INJECTION, p.name() + " raw traversal",
                target(values, baselineQuery()).replaceFirst("^(/[^/]+/[^/?]+)", "$1/../../../../etc/passwd/.."), body, expected), "etc/passwd"));
    }

    private void queryCases(ApiOperation.Parameter p, Map<String, String> pathValues, List<FuzzCase> sampled, JsonNode body) {
        for (String payload : pick(Payloads.ALL, 6)) {
            Map<String, String> query = new LinkedHashMap<>(baselineQuery());
            query.put(p.name(), payload);
            sampled.add(withEchoes(request(FuzzCase.Kind.INJECTION, "?" + p.name() + " hostile", target(pathValues, query), body, ANY), payload));
        }
        if (!isString(p.schema()) && !isArray(p.schema())) {
            Map<String, String> query = new LinkedHashMap<>(baselineQuery());
            query.put(p.name(), "not-a-" + typeOf(p.schema()));
            sampled.add(request(FuzzCase.Kind.BAD_PARAMETER, "?" + p.name() + " of the wrong type", target(pathValues, query), body, BAD_PARAM));
        }
        Map<String, String> longValue = new LinkedHashMap<>(baselineQuery());
        longValue.put(p.name(), "x".repeat(4000));
        sampled.add(request(FuzzCase.Kind.LONG_STRING, "?" + p.name() + " of 4000 characters", target(pathValues, longValue), body, ANY));
        // the same parameter many times
        sampled.add(request(FuzzCase.Kind.BAD_PARAMETER, "?" + p.name() + " repeated 200 times",
                target(pathValues, baselineQuery()) + (baselineQuery().isEmpty() ? "?" : "&")
                        + String.join("&", Collections.nCopies(200, encode(p.name()) + "=1")), body, ANY));
    }

    private void headerCases(String baseTarget, JsonNode body, List<FuzzCase> sampled) {
        Map<String, String> hostile = Map.of(
                "X-Request-Id", "fuzz%0d%0a" + Payloads.INJECTED_HEADER + ":%201",
                "Accept-Language", "' OR 1=1 --, ../../etc/passwd, <script>alert(1)</script>",
                "X-Forwarded-For", "127.0.0.1, ' OR 1=1 --",
                "X-Forwarded-Host", "evil.example%0d%0a" + Payloads.INJECTED_HEADER + ":%201",
                "Accept", "application/x-fuzz, */*;q=0.1",
                "If-None-Match", "\"" + "x".repeat(2000) + "\"",
                "Cookie", "session=' OR '1'='1; q_session=../../etc/passwd");
        hostile.forEach((name, value) -> {
            FuzzCase c = request(FuzzCase.Kind.HEADER, name + " hostile", baseTarget, body, ANY);
            Map<String, String> headers = new LinkedHashMap<>(c.headers());
            headers.put(name, value);
            sampled.add(withEchoes(withHeaders(c, headers), value));
        });
    }

    // ---------------------------------------------------------------- baseline values

    private Map<String, String> baselinePathValues() {
        Map<String, String> values = new LinkedHashMap<>();
        for (ApiOperation.Parameter p : op.parameters("path")) {
            String known = target.pathValue(op, p.name());
            values.put(p.name(), known != null ? known : sample(p.schema(), 0).asText());
        }
        return values;
    }

    private Map<String, String> baselineQuery() {
        Map<String, String> query = new LinkedHashMap<>();
        for (ApiOperation.Parameter p : op.parameters("query")) {
            String known = target.queryValue(p.name());
            if (known != null) {
                query.put(p.name(), known);
            } else if (p.required()) {
                query.put(p.name(), sample(p.schema(), 0).asText());
            }
        }
        return query;
    }

    private JsonNode baselineBody() {
        if (op.body() == null) {
            return null;
        }
        JsonNode configured = target.body(op);
        if (configured != null) {
            return configured;
        }
        if (op.body().example() != null && !op.body().example().isMissingNode()) {
            JsonNode example = op.body().example();
            if (example.isTextual() && op.consumesJson()) {
                try {
                    return JSON.readTree(example.asText());
                } catch (JsonProcessingException notJson) {
                    return example;
                }
            }
            return example;
        }
        return op.consumesJson() ? sample(op.body().schema(), 0) : NODES.textNode("fuzz");
    }

    /** A plausible value for a schema: its example, default or first enum value, else one built from its type. */
    private JsonNode sample(JsonNode schema, int depth) {
        if (schema == null) {
            return NODES.textNode("fuzz");
        }
        for (String given : List.of("example", "default")) {
            if (schema.has(given)) {
                return schema.get(given);
            }
        }
        if (schema.path("examples").isArray() && !schema.get("examples").isEmpty()) {
            return schema.get("examples").get(0);
        }
        if (schema.path("enum").isArray() && !schema.get("enum").isEmpty()) {
            return schema.get("enum").get(0);
        }
        String type = typeOf(schema);
        String format = schema.path("format").asText("");
        switch (type) {
            case "object": {
                ObjectNode object = NODES.objectNode();
                if (depth < 4) {
                    schema.path("properties").fields().forEachRemaining(e -> object.set(e.getKey(), sample(e.getValue(), depth + 1)));
                }
                return object;
            }
            case "array": {
                ArrayNode array = NODES.arrayNode();
                int items = Math.max(1, schema.path("minItems").asInt(1));
                for (int i = 0; i < items && depth < 4; i++) {
                    array.add(sample(schema.get("items"), depth + 1));
                }
                return array;
            }
            case "integer":
                return NODES.numberNode(schema.has("minimum") ? schema.get("minimum").asLong() : 1L);
            case "number":
                return NODES.numberNode(schema.has("minimum") ? schema.get("minimum").asDouble() : 1.0);
            case "boolean":
                return NODES.booleanNode(true);
            default:
                return NODES.textNode(switch (format) {
                    case "uuid" -> new UUID(random.nextLong(), random.nextLong()).toString();
                    case "date-time" -> "2026-01-05T10:00:00Z";
                    case "date" -> "2026-01-05";
                    case "local-time", "time" -> "10:00:00";
                    case "duration" -> "PT5M";
                    default -> "fuzz".repeat(Math.max(1, (schema.path("minLength").asInt(0) + 3) / 4));
                });
        }
    }

    private JsonNode wrongType(JsonNode schema) {
        if (schema != null && schema.path("enum").isArray() && !schema.get("enum").isEmpty()) {
            return NODES.textNode("NOT_ONE_OF_THE_VALUES");
        }
        return switch (typeOf(schema)) {
            case "integer", "number" -> NODES.textNode("not-a-number");
            case "boolean" -> NODES.textNode("maybe");
            case "array" -> NODES.objectNode().put("fuzz", 1);
            case "object" -> NODES.arrayNode().add(1).add(2);
            default -> !schema.path("format").asText("").isEmpty()
                    ? NODES.textNode("not-a-" + schema.get("format").asText())
                    : NODES.objectNode().put("fuzz", 1);
        };
    }

    private String unknownId(JsonNode schema) {
        if (isUuid(schema)) {
            return new UUID(random.nextLong(), random.nextLong()).toString();
        }
        return switch (typeOf(schema)) {
            case "integer", "number" -> "987654321";
            default -> "fuzz-unknown-" + Long.toHexString(random.nextLong() & 0xffffffffL);
        };
    }

    // ---------------------------------------------------------------- helpers

    static String typeOf(JsonNode schema) {
        if (schema == null) {
            return "string";
        }
        JsonNode type = schema.get("type");
        if (type == null) {
            return schema.has("properties") ? "object" : schema.has("items") ? "array" : "string";
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asText().equals("null")) {
                    return t.asText();
                }
            }
            return "string";
        }
        return type.asText();
    }

    private static boolean isString(JsonNode schema) {
        return typeOf(schema).equals("string") && (schema == null || !schema.has("enum"));
    }

    private static boolean isArray(JsonNode schema) {
        return typeOf(schema).equals("array");
    }

    private static boolean isUuid(JsonNode schema) {
        return schema != null && schema.path("format").asText("").equals("uuid");
    }

    private List<String> pick(List<String> from, int n) {
        List<String> copy = new ArrayList<>(from);
        Collections.shuffle(copy, random);
        return copy.subList(0, Math.min(n, copy.size()));
    }

    private String target(Map<String, String> pathValues, Map<String, String> query) {
        String path = op.path();
        for (Map.Entry<String, String> v : pathValues.entrySet()) {
            path = path.replace("{" + v.getKey() + "}", encode(v.getValue()));
        }
        return path + query(query);
    }

    private static String query(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        StringBuilder q = new StringBuilder("?");
        query.forEach((k, v) -> q.append(q.length() > 1 ? "&" : "").append(encode(k)).append('=').append(encode(v)));
        return q.toString();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private FuzzCase request(FuzzCase.Kind kind, String what, String path, JsonNode body, Set<Integer> expected) {
        return request(kind, what, op.method(), path, body, expected);
    }

    private FuzzCase request(FuzzCase.Kind kind, String what, String method, String path, JsonNode body, Set<Integer> expected) {
        byte[] bytes = body == null ? null : body.isTextual() && !op.consumesJson()
                ? body.asText().getBytes(StandardCharsets.UTF_8) : bytes(body);
        String type = op.body() == null ? null : op.body().mediaType();
        return raw(kind, what, method, path, type, bytes, expected);
    }

    private FuzzCase raw(FuzzCase.Kind kind, String what, String path, String contentType, byte[] body, Set<Integer> expected, String... echoes) {
        return raw(kind, what, op.method(), path, contentType, body, expected, echoes);
    }

    private FuzzCase raw(FuzzCase.Kind kind, String what, String method, String path, String contentType, byte[] body,
                         Set<Integer> expected, String... echoes) {
        if (target.isPassThrough() && !OWN_REFUSALS.contains(kind)) {
            expected = ANY;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + token);
        headers.put("Accept", op.produces().isEmpty() ? "*/*" : String.join(", ", op.produces()) + ", application/problem+json");
        if (contentType != null && body != null) {
            headers.put("Content-Type", contentType);
        }
        headers.putAll(target.extraHeaders());
        return new FuzzCase(kind, what, method, path, headers, body, expected, List.of(echoes));
    }

    private static FuzzCase withHeaders(FuzzCase c, Map<String, String> headers) {
        Map<String, String> copy = new LinkedHashMap<>(c.headers());
        copy.remove("Authorization");
        copy.putAll(headers);
        if (!headers.containsKey("Authorization") && c.kind() != FuzzCase.Kind.NO_TOKEN && c.headers().containsKey("Authorization")) {
            copy.put("Authorization", c.headers().get("Authorization"));
        }
        return new FuzzCase(c.kind(), c.what(), c.method(), c.target(), copy, c.body(), c.refusedWith(), c.echoes());
    }

    private static FuzzCase relaxed(FuzzCase c) {
        return new FuzzCase(c.kind(), c.what(), c.method(), c.target(), c.headers(), c.body(), ANY, c.echoes());
    }

    private static FuzzCase withEchoes(FuzzCase c, String echo) {
        return new FuzzCase(c.kind(), c.what(), c.method(), c.target(), c.headers(), c.body(), c.refusedWith(), List.of(echo));
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return node == null ? null : JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] huge(int size) {
        byte[] body = new byte[size];
        java.util.Arrays.fill(body, (byte) 'x');
        return body;
    }

    private static byte[] hugeJson(int size) {
        return ("{\"fuzz\":\"" + "x".repeat(size) + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
