package io.wellness.deploy.kubernetes.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The schemas copied into src/test/resources/schemas (see the README there): Kubernetes 1.33 OpenAPI v3 documents
 * per group-version, and the operators' CRD schemas per group/kind_version.
 */
public final class SchemaCatalog implements StructuralSchemaValidator.References {

    private static final String OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

    /** A kind's schema and the document its {@code $ref}s resolve in. */
    public record KindSchema(JsonNode schema, JsonNode document, boolean customResource) {
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, Optional<JsonNode>> documents = new ConcurrentHashMap<>();

    public Optional<KindSchema> find(String apiVersion, String kind) {
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        String builtInDocument = group.isEmpty()
                ? "schemas/kubernetes-1.33/api_" + version + ".json"
                : "schemas/kubernetes-1.33/apis_" + group + "_" + version + ".json";
        Optional<JsonNode> builtIn = document(builtInDocument);
        if (builtIn.isPresent()) {
            for (JsonNode schema : builtIn.get().path("components").path("schemas")) {
                for (JsonNode gvk : schema.path("x-kubernetes-group-version-kind")) {
                    if (gvk.path("group").asText().equals(group) && gvk.path("version").asText().equals(version)
                            && gvk.path("kind").asText().equals(kind)) {
                        return Optional.of(new KindSchema(schema, builtIn.get(), false));
                    }
                }
            }
            return Optional.empty();
        }
        String crd = "schemas/crds/" + group + "/" + kind.toLowerCase(Locale.ROOT) + "_" + version + ".json";
        return document(crd).map(schema -> new KindSchema(schema, schema, true));
    }

    public StructuralSchemaValidator validator() {
        return new StructuralSchemaValidator(this);
    }

    /** Validates one object; an object whose kind has no schema here is itself an error. */
    public List<String> validate(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText();
        String kind = object.path("kind").asText();
        return find(apiVersion, kind)
                .map(k -> validator().validate(object, k.schema(), k.document(), k.customResource()))
                .orElse(List.of("no schema for " + apiVersion + " " + kind + " in src/test/resources/schemas"));
    }

    @Override
    public JsonNode resolve(JsonNode document, String ref) {
        if (!ref.startsWith("#/")) {
            throw new IllegalArgumentException("only document-local $refs are used by these schemas: " + ref);
        }
        JsonNode target = document.at(ref.substring(1));
        if (target.isMissingNode()) {
            throw new IllegalArgumentException("dangling $ref " + ref);
        }
        return target;
    }

    @Override
    public JsonNode objectMetaSchema() {
        return objectMetaDocument().path("components").path("schemas").path(OBJECT_META);
    }

    @Override
    public JsonNode objectMetaDocument() {
        return document("schemas/kubernetes-1.33/api_v1.json").orElseThrow();
    }

    private Optional<JsonNode> document(String resource) {
        return documents.computeIfAbsent(resource, name -> {
            try (InputStream in = SchemaCatalog.class.getClassLoader().getResourceAsStream(name)) {
                return in == null ? Optional.empty() : Optional.of(mapper.readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
