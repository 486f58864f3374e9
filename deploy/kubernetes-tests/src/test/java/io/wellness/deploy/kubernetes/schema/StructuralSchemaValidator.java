package io.wellness.deploy.kubernetes.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates a Kubernetes object against the OpenAPI v3 schema of its kind the way the API server does with strict
 * field validation: unknown fields are errors (a property missing from a schema without additionalProperties or
 * x-kubernetes-preserve-unknown-fields), as are wrong types, missing required fields, enum, pattern, length and
 * range violations and malformed quantities. {@code $ref}, allOf, oneOf/anyOf (value validations), int-or-string
 * and preserve-unknown-fields are followed. Not evaluated: CEL rules (x-kubernetes-validations) and string formats.
 */
public final class StructuralSchemaValidator {

    private static final Set<String> ENVELOPE = Set.of("apiVersion", "kind", "metadata");
    private static final String QUANTITY_REF_SUFFIX = ".resource.Quantity";
    /** k8s.io/apimachinery/pkg/api/resource: a signed decimal with an optional binary, decimal or exponent suffix. */
    private static final Pattern QUANTITY = Pattern.compile(
            "^[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$");
    private static final BigInteger INT32_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT32_MAX = BigInteger.valueOf(Integer.MAX_VALUE);

    /** How to resolve {@code $ref}s and the ObjectMeta of custom resources. */
    public interface References {
        JsonNode resolve(JsonNode document, String ref);

        JsonNode objectMetaSchema();

        JsonNode objectMetaDocument();
    }

    private final References references;

    public StructuralSchemaValidator(References references) {
        this.references = references;
    }

    /**
     * @param object the whole object (apiVersion, kind, metadata, spec…)
     * @param schema the schema of its kind
     * @param document the document the schema's {@code $ref}s point into
     * @param customResource true for CRD schemas, whose root {@code metadata} is validated as ObjectMeta
     * @return human-readable errors, empty when valid
     */
    public List<String> validate(JsonNode object, JsonNode schema, JsonNode document, boolean customResource) {
        List<String> errors = new ArrayList<>();
        if (customResource) {
            // The API server handles apiVersion, kind and metadata (as ObjectMeta) itself for every custom
            // resource, whatever the CRD's schema says about them; the schema governs the rest.
            JsonNode metadata = object.path("metadata");
            if (!metadata.isMissingNode()) {
                check(metadata, references.objectMetaSchema(), references.objectMetaDocument(), ".metadata", errors, false);
            }
            ObjectNode body = object.deepCopy();
            ObjectNode rootSchema = schema.deepCopy();
            for (String envelope : ENVELOPE) {
                body.remove(envelope);
                if (rootSchema.get("properties") instanceof ObjectNode properties) {
                    properties.remove(envelope);
                }
            }
            if (rootSchema.get("required") instanceof ArrayNode required) {
                for (int i = required.size() - 1; i >= 0; i--) {
                    if (ENVELOPE.contains(required.get(i).asText())) {
                        required.remove(i);
                    }
                }
            }
            check(body, rootSchema, document, "", errors, false);
        } else {
            check(object, schema, document, "", errors, false);
        }
        return errors;
    }

    /**
     * @param valueValidationOnly inside oneOf/anyOf branches, which in structural schemas only add value
     *                            validations: their property lists do not define which fields exist
     */
    private void check(JsonNode value, JsonNode schema, JsonNode document, String path, List<String> errors,
                       boolean valueValidationOnly) {
        if (schema == null || schema.isMissingNode() || value == null || value.isNull()) {
            // null is treated as an absent optional field, as the API server does
            return;
        }
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            if (ref.endsWith(QUANTITY_REF_SUFFIX) && !isQuantity(value)) {
                errors.add(path + ": '" + value + "' is not a Kubernetes quantity");
                return;
            }
            check(value, references.resolve(document, ref), document, path, errors, valueValidationOnly);
        }
        for (JsonNode part : schema.path("allOf")) {
            check(value, part, document, path, errors, valueValidationOnly);
        }
        if (isIntOrString(schema)) {
            if (!value.isIntegralNumber() && !value.isTextual()) {
                errors.add(path + ": expected an integer or a string, got " + describe(value));
            }
            return;
        }
        checkAlternatives(value, schema, document, path, errors);

        String type = schema.path("type").asText(null);
        if (type != null && !hasType(value, type)) {
            errors.add(path + ": expected " + type + ", got " + describe(value));
            return;
        }
        if (value.isObject()) {
            checkObject(value, schema, document, path, errors, valueValidationOnly);
        } else if (value.isArray()) {
            checkArray(value, schema, document, path, errors, valueValidationOnly);
        } else {
            checkScalar(value, schema, path, errors);
        }
    }

    private void checkAlternatives(JsonNode value, JsonNode schema, JsonNode document, String path,
                                   List<String> errors) {
        if (schema.has("oneOf")) {
            int matching = 0;
            List<String> branchErrors = new ArrayList<>();
            for (JsonNode branch : schema.get("oneOf")) {
                List<String> e = new ArrayList<>();
                check(value, branch, document, path, e, true);
                if (e.isEmpty()) {
                    matching++;
                } else {
                    branchErrors.addAll(e);
                }
            }
            if (matching != 1) {
                errors.add(path + ": must match exactly one alternative (oneOf), matches " + matching
                        + (matching == 0 ? " " + branchErrors : ""));
            }
        }
        if (schema.has("anyOf")) {
            boolean any = false;
            List<String> branchErrors = new ArrayList<>();
            for (JsonNode branch : schema.get("anyOf")) {
                List<String> e = new ArrayList<>();
                check(value, branch, document, path, e, true);
                any |= e.isEmpty();
                branchErrors.addAll(e);
            }
            if (!any) {
                errors.add(path + ": matches no alternative (anyOf) " + branchErrors);
            }
        }
    }

    private void checkObject(JsonNode value, JsonNode schema, JsonNode document, String path, List<String> errors,
                             boolean valueValidationOnly) {
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.get("additionalProperties");
        boolean preserveUnknown = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        boolean extrasAllowed = additional != null && additional.isBoolean() && additional.asBoolean();
        boolean declaresFields = "object".equals(schema.path("type").asText()) || properties.isObject();
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                errors.add(path + ": missing required field '" + required.asText() + "'");
            }
        }
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            String fieldPath = path + "." + field.getKey();
            if (properties.has(field.getKey())) {
                check(field.getValue(), properties.get(field.getKey()), document, fieldPath, errors, valueValidationOnly);
            } else if (additional != null && additional.isObject()) {
                check(field.getValue(), additional, document, fieldPath, errors, valueValidationOnly);
            } else if (!extrasAllowed && !preserveUnknown && !valueValidationOnly && declaresFields) {
                errors.add(fieldPath + ": unknown field");
            }
        }
    }

    private void checkArray(JsonNode value, JsonNode schema, JsonNode document, String path, List<String> errors,
                            boolean valueValidationOnly) {
        if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
            errors.add(path + ": needs at least " + schema.get("minItems").asInt() + " items");
        }
        if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
            errors.add(path + ": allows at most " + schema.get("maxItems").asInt() + " items");
        }
        JsonNode items = schema.get("items");
        if (items != null) {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), items, document, path + "[" + i + "]", errors, valueValidationOnly);
            }
        }
    }

    private static void checkScalar(JsonNode value, JsonNode schema, String path, List<String> errors) {
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode allowed : schema.get("enum")) {
                listed |= allowed.equals(value) || (allowed.isNumber() && value.isNumber()
                        && allowed.decimalValue().compareTo(value.decimalValue()) == 0);
            }
            if (!listed) {
                errors.add(path + ": '" + value.asText() + "' is not one of " + schema.get("enum"));
            }
        }
        if (value.isTextual()) {
            String text = value.asText();
            if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
                errors.add(path + ": '" + text + "' does not match " + schema.get("pattern").asText());
            }
            if (schema.has("minLength") && text.length() < schema.get("minLength").asInt()) {
                errors.add(path + ": shorter than " + schema.get("minLength").asInt());
            }
            if (schema.has("maxLength") && text.length() > schema.get("maxLength").asInt()) {
                errors.add(path + ": longer than " + schema.get("maxLength").asInt());
            }
        }
        if (value.isNumber()) {
            if (schema.has("minimum") && value.decimalValue().compareTo(schema.get("minimum").decimalValue()) < 0) {
                errors.add(path + ": " + value + " is below the minimum " + schema.get("minimum"));
            }
            if (schema.has("maximum") && value.decimalValue().compareTo(schema.get("maximum").decimalValue()) > 0) {
                errors.add(path + ": " + value + " is above the maximum " + schema.get("maximum"));
            }
            if ("int32".equals(schema.path("format").asText()) && value.isIntegralNumber()) {
                BigInteger v = value.bigIntegerValue();
                if (v.compareTo(INT32_MIN) < 0 || v.compareTo(INT32_MAX) > 0) {
                    errors.add(path + ": " + value + " does not fit in int32");
                }
            }
        }
    }

    private static boolean isIntOrString(JsonNode schema) {
        return schema.path("x-kubernetes-int-or-string").asBoolean(false)
                || "int-or-string".equals(schema.path("format").asText());
    }

    private static boolean isQuantity(JsonNode value) {
        return value.isNumber() || (value.isTextual() && QUANTITY.matcher(value.asText()).matches());
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> throw new IllegalArgumentException("unsupported schema type " + type);
        };
    }

    private static String describe(JsonNode value) {
        String text = value.toString();
        return value.getNodeType().name().toLowerCase() + " " + (text.length() > 40 ? text.substring(0, 40) + "…" : text);
    }
}
