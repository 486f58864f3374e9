package io.wellness.infra.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the operations of an OpenAPI 3 document (JSON), with the {@code $ref}s of their schemas resolved. */
public final class OpenApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final int MAX_REF_DEPTH = 8;

    private final JsonNode document;

    private OpenApi(JsonNode document) {
        this.document = document;
    }

    public static OpenApi parse(String json) {
        try {
            return new OpenApi(JSON.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException("not an OpenAPI JSON document", e);
        }
    }

    /** Every operation of the document, in document order. */
    public List<ApiOperation> operations() {
        List<ApiOperation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            List<JsonNode> shared = new ArrayList<>();
            path.getValue().path("parameters").forEach(shared::add);
            for (String method : METHODS) {
                JsonNode op = path.getValue().get(method);
                if (op != null) {
                    operations.add(operation(method, path.getKey(), op, shared));
                }
            }
        }
        return operations;
    }

    private ApiOperation operation(String method, String path, JsonNode op, List<JsonNode> shared) {
        List<ApiOperation.Parameter> parameters = new ArrayList<>();
        List<JsonNode> all = new ArrayList<>(shared);
        op.path("parameters").forEach(all::add);
        for (JsonNode p : all) {
            JsonNode param = resolve(p, 0);
            JsonNode schema = param.has("schema") ? resolve(param.get("schema"), 0) : null;
            if (param.has("example")) {
                schema = (schema instanceof ObjectNode object ? object : JSON.createObjectNode()).set("example", param.get("example"));
            }
            parameters.add(new ApiOperation.Parameter(param.path("name").asText(), param.path("in").asText(),
                    schema, param.path("required").asBoolean(false)));
        }
        ApiOperation.Body body = null;
        JsonNode requestBody = op.has("requestBody") ? resolve(op.get("requestBody"), 0) : null;
        if (requestBody != null) {
            Iterator<Map.Entry<String, JsonNode>> content = requestBody.path("content").fields();
            if (content.hasNext()) {
                Map.Entry<String, JsonNode> first = content.next();
                JsonNode schema = first.getValue().has("schema") ? resolve(first.getValue().get("schema"), 0) : null;
                JsonNode example = first.getValue().get("example");
                if (example == null && first.getValue().path("examples").size() > 0) {
                    example = resolve(first.getValue().get("examples").elements().next(), 0).get("value");
                }
                body = new ApiOperation.Body(first.getKey(), schema, requestBody.path("required").asBoolean(false), example);
            }
        }
        Set<String> produces = new LinkedHashSet<>();
        op.path("responses").forEach(r -> r.path("content").fieldNames().forEachRemaining(produces::add));
        return new ApiOperation(method, path, parameters, body, produces);
    }

    /** Replaces {@code $ref}s (and merges {@code allOf}) so generators see plain schemas. */
    JsonNode resolve(JsonNode node, int depth) {
        if (node == null || depth > MAX_REF_DEPTH) {
            return node;
        }
        if (node.has("$ref")) {
            String ref = node.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                return node;
            }
            return resolve(document.at(ref.substring(1)), depth + 1);
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode copy = ((ObjectNode) node).deepCopy();
        if (copy.has("allOf")) {
            ObjectNode merged = JSON.createObjectNode();
            for (JsonNode part : copy.get("allOf")) {
                JsonNode resolved = resolve(part, depth + 1);
                if (resolved != null && resolved.isObject()) {
                    mergeInto(merged, (ObjectNode) resolved);
                }
            }
            copy.remove("allOf");
            mergeInto(merged, copy);
            copy = merged;
        }
        for (String alternative : List.of("oneOf", "anyOf")) {
            if (copy.has(alternative) && copy.get(alternative).size() > 0) {
                JsonNode first = resolve(copy.get(alternative).get(0), depth + 1);
                copy.remove(alternative);
                if (first != null && first.isObject()) {
                    mergeInto(copy, (ObjectNode) first);
                }
            }
        }
        if (copy.has("properties")) {
            ObjectNode properties = JSON.createObjectNode();
            copy.get("properties").fields().forEachRemaining(e -> properties.set(e.getKey(), resolve(e.getValue(), depth + 1)));
            copy.set("properties", properties);
        }
        if (copy.has("items")) {
            copy.set("items", resolve(copy.get("items"), depth + 1));
        }
        if (copy.has("additionalProperties") && copy.get("additionalProperties").isObject()) {
            copy.set("additionalProperties", resolve(copy.get("additionalProperties"), depth + 1));
        }
        return copy;
    }

    private static void mergeInto(ObjectNode target, ObjectNode source) {
        source.fields().forEachRemaining(e -> {
            if (e.getKey().equals("properties") && target.has("properties")) {
                ((ObjectNode) target.get("properties")).setAll((ObjectNode) e.getValue());
            } else if (e.getKey().equals("required") && target.has("required")) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) target.get("required")).addAll(
                        (com.fasterxml.jackson.databind.node.ArrayNode) e.getValue());
            } else {
                target.set(e.getKey(), e.getValue());
            }
        });
    }
}
