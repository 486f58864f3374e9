package io.wellness.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wellness.deploy.kubernetes.schema.SchemaCatalog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every object of every overlay, as IT would apply it, is valid for a Kubernetes 1.33 API server with the operators' CRDs. */
class OverlaySchemaTest {

    private static final SchemaCatalog SCHEMAS = new SchemaCatalog();
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace");

    static List<Path> overlays() {
        return Rendered.overlays();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyRenderedObjectMatchesItsOfficialSchema(Path overlay) {
        List<JsonNode> objects = Rendered.overlay(overlay);
        assertThat(objects).hasSizeGreaterThan(40);
        List<String> errors = new ArrayList<>();
        for (JsonNode object : objects) {
            SCHEMAS.validate(object).forEach(error -> errors.add(Rendered.id(object) + error));
        }
        assertThat(errors).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theSameRenderWithOneTypoIsRejected(Path overlay) {
        JsonNode deployment = Rendered.ofKind(Rendered.overlay(overlay), "Deployment").getFirst().deepCopy();
        ((ObjectNode) deployment.at("/spec/template/spec")).put("serviceAcountName", "typo");
        assertThat(SCHEMAS.validate(deployment)).containsExactly(".spec.template.spec.serviceAcountName: unknown field");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyNamespacedObjectLandsInTheOverlayNamespace(Path overlay) {
        List<JsonNode> objects = Rendered.overlay(overlay);
        List<JsonNode> namespaces = Rendered.ofKind(objects, "Namespace");
        assertThat(namespaces).hasSize(1);
        String namespace = namespaces.getFirst().at("/metadata/name").asText();
        assertThat(objects)
                .filteredOn(o -> !CLUSTER_SCOPED.contains(o.path("kind").asText()))
                .allSatisfy(o -> assertThat(o.at("/metadata/namespace").asText()).as(Rendered.id(o)).isEqualTo(namespace));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void objectIdentitiesAreUnique(Path overlay) {
        List<String> ids = Rendered.overlay(overlay).stream().map(Rendered::id).toList();
        assertThat(ids).doesNotHaveDuplicates();
    }
}
