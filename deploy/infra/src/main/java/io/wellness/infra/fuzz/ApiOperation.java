package io.wellness.infra.fuzz;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Set;

/**
 * One HTTP operation to fuzz: a method on a path template ({@code /api/x/{id}}), its parameters, its request body
 * (media type and JSON schema, {@code $ref}s already resolved) and the media types it answers with.
 */
public record ApiOperation(String method, String path, List<Parameter> parameters, Body body, Set<String> produces) {

    public ApiOperation {
        method = method.toUpperCase(java.util.Locale.ROOT);
        parameters = List.copyOf(parameters);
        produces = Set.copyOf(produces);
    }

    /** A path, query or header parameter; {@code schema} may be null (then a string). */
    public record Parameter(String name, String in, JsonNode schema, boolean required) {
    }

    /** A request body; {@code schema} may be null (then opaque text, e.g. CSV); {@code example} may be null. */
    public record Body(String mediaType, JsonNode schema, boolean required, JsonNode example) {
    }

    /** An operation without parameters or body, for routes that are not in an OpenAPI document (pages, callbacks). */
    public static ApiOperation simple(String method, String path) {
        return new ApiOperation(method, path, List.of(), null, Set.of());
    }

    /** With a required body of this media type whose baseline is {@code example}, its schema inferred from it. */
    public ApiOperation withBody(String mediaType, String example) {
        JsonNode node;
        try {
            node = mediaType.contains("json") ? JSON.readTree(example) : JSON.getNodeFactory().textNode(example);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("example is not JSON: " + example, e);
        }
        return new ApiOperation(method, path, parameters, new Body(mediaType, infer(node), true, node), produces);
    }

    /** With a string parameter ({@code in}: path, query or header) whose baseline value is {@code example}. */
    public ApiOperation withParameter(String name, String in, String example) {
        List<Parameter> more = new java.util.ArrayList<>(parameters);
        more.add(new Parameter(name, in, JSON.createObjectNode().put("type", "string").put("example", example), in.equals("path")));
        return new ApiOperation(method, path, more, body, produces);
    }

    public ApiOperation producing(String... mediaTypes) {
        return new ApiOperation(method, path, parameters, body, Set.of(mediaTypes));
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static JsonNode infer(JsonNode value) {
        com.fasterxml.jackson.databind.node.ObjectNode schema = JSON.createObjectNode();
        if (value.isObject()) {
            com.fasterxml.jackson.databind.node.ObjectNode properties = schema.put("type", "object").putObject("properties");
            value.fields().forEachRemaining(e -> properties.set(e.getKey(), infer(e.getValue())));
        } else if (value.isArray()) {
            schema.put("type", "array").set("items", value.isEmpty() ? JSON.createObjectNode().put("type", "string") : infer(value.get(0)));
        } else if (value.isIntegralNumber()) {
            schema.put("type", "integer");
        } else if (value.isNumber()) {
            schema.put("type", "number");
        } else if (value.isBoolean()) {
            schema.put("type", "boolean");
        } else {
            schema.put("type", "string");
        }
        return schema;
    }

    public boolean isRead() {
        return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    }

    public List<Parameter> parameters(String in) {
        return parameters.stream().filter(p -> p.in().equals(in)).toList();
    }

    public boolean consumesJson() {
        return body != null && body.mediaType().contains("json");
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
