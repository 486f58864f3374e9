package io.wellness.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Kafka topics, replica counts and their relation to partitions; the dev and prod shapes. */
class ScalingAndTopologyTest {

    private static final long DAY_MS = 24L * 3600 * 1000;
    /** topic → {partitions, retention days}; the platform contract (io.wellness.common.events.Topics) */
    private static final Map<String, int[]> TOPICS = Map.of(
            "microbreaks.due", new int[]{12, 7},
            "microbreaks.delivered", new int[]{12, 7},
            "microbreaks.outcomes", new int[]{12, 30},
            "microbreaks.due.dead-letter", new int[]{3, 30});
    /** Kafka consumers: more replicas than partitions of the consumed topic would leave consumers idle. */
    private static final Map<String, String> CONSUMES = Map.of(
            "scheduler-service", "microbreaks.due",
            "tracking-service", "microbreaks.outcomes");

    static List<Path> overlays() {
        return Rendered.overlays();
    }

    private static JsonNode named(List<JsonNode> objects, String kind, String name) {
        return Rendered.ofKind(objects, kind).stream().filter(o -> o.at("/metadata/name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError(kind + "/" + name + " not rendered"));
    }

    private static JsonNode topic(List<JsonNode> objects, String topicName) {
        return Rendered.ofKind(objects, "KafkaTopic").stream()
                .filter(t -> t.at("/spec/topicName").asText().equals(topicName)).findFirst()
                .orElseThrow(() -> new AssertionError("no KafkaTopic " + topicName));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void topicsHaveThePlatformPartitionsRetentionAndADurableReplication(Path overlay) {
        List<JsonNode> objects = Rendered.overlay(overlay);
        int brokers = Rendered.ofKind(objects, "KafkaNodePool").stream()
                .filter(p -> p.at("/spec/roles").toString().contains("broker"))
                .mapToInt(p -> p.at("/spec/replicas").asInt()).sum();
        assertThat(Rendered.ofKind(objects, "KafkaTopic")).hasSize(TOPICS.size());
        TOPICS.forEach((name, expected) -> {
            JsonNode topic = topic(objects, name);
            assertThat(topic.at("/metadata/labels/strimzi.io~1cluster").asText()).isEqualTo("wellness-kafka");
            assertThat(topic.at("/spec/partitions").asInt()).as(name).isEqualTo(expected[0]);
            assertThat(topic.at("/spec/config/retention.ms").asLong()).as(name).isEqualTo(expected[1] * DAY_MS);
            int replicas = topic.at("/spec/replicas").asInt();
            int minIsr = topic.at("/spec/config/min.insync.replicas").asInt();
            assertThat(replicas).as(name + " replicas <= brokers").isBetween(1, brokers);
            assertThat(minIsr).as(name + " min ISR").isBetween(1, replicas);
            if (replicas > 1) {
                assertThat(minIsr).as(name + ": losing one broker keeps the topic writable").isLessThan(replicas).isGreaterThan(1);
            }
        });
        JsonNode kafka = named(objects, "Kafka", "wellness-kafka");
        assertThat(kafka.at("/spec/kafka/config/auto.create.topics.enable").asBoolean(true)).isFalse();
        assertThat(kafka.at("/spec/kafka/config/default.replication.factor").asInt()).isLessThanOrEqualTo(brokers);
        assertThat(kafka.at("/spec/kafka/config/offsets.topic.replication.factor").asInt()).isLessThanOrEqualTo(brokers);
        assertThat(Rendered.ofKind(objects, "KafkaNodePool")).allSatisfy(p ->
                assertThat(p.at("/spec/roles").toString()).contains("controller").contains("broker"));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void kafkaConsumersNeverScaleBeyondThePartitionsTheyConsume(Path overlay) {
        List<JsonNode> objects = Rendered.overlay(overlay);
        CONSUMES.forEach((service, topicName) -> {
            int partitions = topic(objects, topicName).at("/spec/partitions").asInt();
            assertThat(named(objects, "HorizontalPodAutoscaler", service).at("/spec/maxReplicas").asInt())
                    .as(service + " maxReplicas <= partitions of " + topicName).isLessThanOrEqualTo(partitions);
        });
    }

    @Test
    void devRunsOneReplicaOfEverything() {
        List<JsonNode> objects = Rendered.overlay(Rendered.kubernetesDir().resolve("overlays/dev"));
        assertThat(Rendered.ofKind(objects, "HorizontalPodAutoscaler")).hasSize(4).allSatisfy(h -> {
            assertThat(h.at("/spec/minReplicas").asInt()).isEqualTo(1);
            assertThat(h.at("/spec/maxReplicas").asInt()).isEqualTo(1);
        });
        assertThat(named(objects, "KafkaNodePool", "dual-role").at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(named(objects, "Cluster", "wellness-pg").at("/spec/instances").asInt()).isEqualTo(1);
        assertThat(named(objects, "Keycloak", "wellness-keycloak").at("/spec/instances").asInt()).isEqualTo(1);
    }

    @Test
    void prodRunsThreeReplicasSpreadOverNodesAndZones() {
        List<JsonNode> objects = Rendered.overlay(Rendered.kubernetesDir().resolve("overlays/prod"));
        for (JsonNode deployment : Rendered.ofKind(objects, "Deployment")) {
            String name = deployment.at("/metadata/name").asText();
            JsonNode pod = deployment.at("/spec/template/spec");
            JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
            assertThat(deployment.at("/spec/strategy/rollingUpdate/maxUnavailable").asInt(1)).as(name).isZero();
            JsonNode antiAffinity = pod.at("/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/0/podAffinityTerm");
            assertThat(antiAffinity.path("topologyKey").asText()).as(name).isEqualTo("kubernetes.io/hostname");
            assertThat(Labels.selects(antiAffinity.path("labelSelector"), podLabels)).as(name + " anti-affinity to itself").isTrue();
            assertThat(pod.path("topologySpreadConstraints").findValuesAsText("topologyKey"))
                    .as(name).contains("topology.kubernetes.io/zone", "kubernetes.io/hostname");
            pod.path("topologySpreadConstraints").forEach(c ->
                    assertThat(Labels.selects(c.path("labelSelector"), podLabels)).as(name + " spread selector").isTrue());
        }
        assertThat(Rendered.ofKind(objects, "HorizontalPodAutoscaler")).hasSize(4)
                .allSatisfy(h -> assertThat(h.at("/spec/minReplicas").asInt()).isEqualTo(3));
        assertThat(named(objects, "KafkaNodePool", "dual-role").at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(named(objects, "Cluster", "wellness-pg").at("/spec/instances").asInt()).isEqualTo(3);
        assertThat(named(objects, "Keycloak", "wellness-keycloak").at("/spec/instances").asInt()).isGreaterThanOrEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void onePostgresDatabasePerServiceOwnedByItsOwnRole(Path overlay) {
        List<JsonNode> objects = Rendered.overlay(overlay);
        JsonNode cluster = named(objects, "Cluster", "wellness-pg");
        for (String db : List.of("catalog", "scheduler", "tracking", "keycloak")) {
            JsonNode database = named(objects, "Database", "wellness-pg-" + db);
            assertThat(database.at("/spec/name").asText()).isEqualTo(db);
            assertThat(database.at("/spec/owner").asText()).isEqualTo(db);
            assertThat(database.at("/spec/cluster/name").asText()).isEqualTo("wellness-pg");
            assertThat(database.at("/spec/databaseReclaimPolicy").asText()).isEqualTo("retain");
            assertThat(cluster.at("/spec/managed/roles")).as("role " + db).anySatisfy(role -> {
                assertThat(role.path("name").asText()).isEqualTo(db);
                assertThat(role.path("login").asBoolean()).isTrue();
                assertThat(role.at("/passwordSecret/name").asText()).isEqualTo("wellness-db-" + db);
            });
        }
        assertThat(cluster.at("/spec/enableSuperuserAccess").asBoolean(true)).isFalse();
    }
}
