package io.wellness.deploy.kubernetes.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wellness.deploy.kubernetes.Rendered;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The validator itself: it must refuse what an API server with strict field validation refuses. */
class StructuralSchemaValidatorTest {

    private static final SchemaCatalog SCHEMAS = new SchemaCatalog();

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: demo
              labels: {app: demo}
            spec:
              replicas: 2
              selector:
                matchLabels: {app: demo}
              strategy:
                rollingUpdate: {maxSurge: 1, maxUnavailable: 25%}
              template:
                metadata:
                  labels: {app: demo}
                spec:
                  containers:
                    - name: demo
                      image: demo:1
                      ports:
                        - {name: http, containerPort: 8080}
                      readinessProbe:
                        httpGet: {path: /q/health/ready, port: http}
                      livenessProbe:
                        httpGet: {path: /q/health/live, port: 8080}
                      resources:
                        limits: {cpu: 1, memory: 512Mi}
                        requests: {cpu: 250m, memory: "384Mi"}
            """;

    private static final String KAFKA_TOPIC = """
            apiVersion: kafka.strimzi.io/v1
            kind: KafkaTopic
            metadata:
              name: demo
              labels: {strimzi.io/cluster: c}
            spec:
              topicName: demo.topic
              partitions: 12
              replicas: 3
              config:
                retention.ms: 604800000
                any.broker.setting: is preserved
            """;

    private static JsonNode yaml(String text) {
        return Rendered.parseAll(text).getFirst();
    }

    private static List<String> errors(JsonNode object) {
        return SCHEMAS.validate(object);
    }

    @Test
    void acceptsValidObjectsWithIntOrStringQuantitiesAndPreservedUnknownFields() {
        assertThat(errors(yaml(DEPLOYMENT))).isEmpty();
        assertThat(errors(yaml(KAFKA_TOPIC))).isEmpty();
    }

    @Test
    void rejectsAnUnknownFieldDeepInsideABuiltInKind() {
        ObjectNode deployment = (ObjectNode) yaml(DEPLOYMENT);
        ((ObjectNode) deployment.at("/spec/template/spec/containers/0")).put("imagePullPolice", "Always");
        assertThat(errors(deployment)).containsExactly(".spec.template.spec.containers[0].imagePullPolice: unknown field");
    }

    @Test
    void rejectsAnUnknownTopLevelAndMetadataField() {
        ObjectNode deployment = (ObjectNode) yaml(DEPLOYMENT);
        deployment.put("specs", "typo");
        ((ObjectNode) deployment.get("metadata")).put("label", "typo");
        assertThat(errors(deployment)).containsExactlyInAnyOrder(".specs: unknown field", ".metadata.label: unknown field");
    }

    @Test
    void rejectsWrongTypes() {
        ObjectNode deployment = (ObjectNode) yaml(DEPLOYMENT);
        ((ObjectNode) deployment.get("spec")).put("replicas", "three");
        ((ObjectNode) deployment.at("/spec/template/spec/containers/0")).put("ports", "8080");
        assertThat(errors(deployment)).containsExactlyInAnyOrder(
                ".spec.replicas: expected integer, got string \"three\"",
                ".spec.template.spec.containers[0].ports: expected array, got string \"8080\"");
    }

    @Test
    void rejectsAnIntOrStringThatIsNeither() {
        ObjectNode deployment = (ObjectNode) yaml(DEPLOYMENT);
        ((ObjectNode) deployment.at("/spec/template/spec/containers/0/readinessProbe/httpGet")).put("port", true);
        assertThat(errors(deployment)).singleElement().asString()
                .startsWith(".spec.template.spec.containers[0].readinessProbe.httpGet.port: expected an integer or a string");
    }

    @Test
    void rejectsAMalformedQuantityAndAMissingRequiredField() {
        ObjectNode deployment = (ObjectNode) yaml(DEPLOYMENT);
        ((ObjectNode) deployment.at("/spec/template/spec/containers/0/resources/limits")).put("memory", "512MB");
        ((ObjectNode) deployment.at("/spec/template/spec/containers/0")).remove("name");
        assertThat(errors(deployment)).containsExactlyInAnyOrder(
                ".spec.template.spec.containers[0].resources.limits.memory: '\"512MB\"' is not a Kubernetes quantity",
                ".spec.template.spec.containers[0]: missing required field 'name'");
    }

    @Test
    void rejectsUnknownFieldsAndWrongTypesInCustomResources() {
        ObjectNode topic = (ObjectNode) yaml(KAFKA_TOPIC);
        ObjectNode spec = (ObjectNode) topic.get("spec");
        spec.put("partitions", "12");
        spec.put("replica", 3);
        ((ObjectNode) topic.get("metadata")).put("namespaces", "x");
        assertThat(errors(topic)).containsExactlyInAnyOrder(
                ".spec.partitions: expected integer, got string \"12\"",
                ".spec.replica: unknown field",
                ".metadata.namespaces: unknown field");
    }

    @Test
    void rejectsEnumAndMinimumViolationsInCustomResources() {
        JsonNode pool = yaml("""
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaNodePool
                metadata: {name: p}
                spec:
                  replicas: 1
                  roles: [controller, brokers]
                  storage:
                    type: jbod
                    volumes:
                      - {id: -1, type: persistent-claim, size: 1Gi}
                """);
        assertThat(errors(pool)).containsExactlyInAnyOrder(
                ".spec.roles[1]: 'brokers' is not one of [\"controller\",\"broker\"]",
                ".spec.storage.volumes[0].id: -1 is below the minimum 0");
    }

    @Test
    void enforcesOneOfAlternativesOfCustomResources() {
        JsonNode pool = yaml("""
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaNodePool
                metadata: {name: p}
                spec:
                  replicas: 1
                  roles: [broker]
                  storage: {type: ephemeral}
                  template:
                    kafkaContainer:
                      env:
                        - name: BOTH
                          value: x
                          valueFrom: {secretKeyRef: {name: s, key: k}}
                """);
        assertThat(errors(pool)).singleElement().asString()
                .startsWith(".spec.template.kafkaContainer.env[0]: must match exactly one alternative (oneOf), matches 2");
    }

    @Test
    void refusesKindsWithoutASchema() {
        assertThat(errors(yaml("{apiVersion: example.com/v1, kind: Widget, metadata: {name: w}}")))
                .containsExactly("no schema for example.com/v1 Widget in src/test/resources/schemas");
        assertThat(errors(yaml("{apiVersion: apps/v1, kind: Widget, metadata: {name: w}}")))
                .containsExactly("no schema for apps/v1 Widget in src/test/resources/schemas");
    }
}
