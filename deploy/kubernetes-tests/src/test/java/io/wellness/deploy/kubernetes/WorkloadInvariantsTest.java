package io.wellness.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What every Deployment of the platform must have, in every overlay. */
class WorkloadInvariantsTest {

    private static final Map<String, String> PROBES = Map.of(
            "startupProbe", "/q/health/started",
            "livenessProbe", "/q/health/live",
            "readinessProbe", "/q/health/ready");

    static List<Path> overlays() {
        return Rendered.overlays();
    }

    private static List<JsonNode> deployments(Path overlay) {
        List<JsonNode> deployments = Rendered.ofKind(Rendered.overlay(overlay), "Deployment");
        assertThat(deployments).extracting(d -> d.at("/metadata/name").asText())
                .containsExactlyInAnyOrder("catalog-service", "scheduler-service", "tracking-service", "gateway");
        return deployments;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyContainerHasTheThreeQuarkusHealthProbesOnItsHttpPort(Path overlay) {
        for (JsonNode deployment : deployments(overlay)) {
            for (JsonNode container : deployment.at("/spec/template/spec/containers")) {
                List<String> portNames = container.path("ports").findValuesAsText("name");
                PROBES.forEach((probe, path) -> {
                    JsonNode httpGet = container.path(probe).path("httpGet");
                    assertThat(httpGet.path("path").asText()).as(Rendered.id(deployment) + " " + probe).isEqualTo(path);
                    assertThat(portNames).as(Rendered.id(deployment) + " " + probe + " port").contains(httpGet.path("port").asText());
                });
                assertThat(container.at("/startupProbe/failureThreshold").asInt() * container.at("/startupProbe/periodSeconds").asInt())
                        .as("startup budget (s) covers Flyway migrations").isGreaterThanOrEqualTo(120);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyContainerHasRequestsAndLimitsForCpuAndMemory(Path overlay) {
        for (JsonNode deployment : deployments(overlay)) {
            for (JsonNode container : deployment.at("/spec/template/spec/containers")) {
                for (String bound : List.of("requests", "limits")) {
                    for (String resource : List.of("cpu", "memory")) {
                        assertThat(container.path("resources").path(bound).path(resource).isMissingNode())
                                .as(Rendered.id(deployment) + " " + bound + "." + resource).isFalse();
                    }
                }
            }
        }
    }

    /**
     * What a loaded service's JVM used besides its heap in deploy/load-test.sh (metaspace ~80, JIT code ~30, class
     * space and symbols ~32, direct buffers ~40, threads, GC and malloc: 230–255 MiB, scheduler the highest).
     */
    private static final long MEASURED_NON_HEAP_MIB = 256;

    @ParameterizedTest
    @MethodSource("overlays")
    void theHeapLeavesRoomForWhatTheJvmUsesBesidesIt(Path overlay) {
        List<JsonNode> objects = Rendered.overlay(overlay);
        for (JsonNode deployment : deployments(overlay)) {
            String javaOpts = Env.of(deployment, objects).get("JAVA_OPTS");
            Matcher percentage = Pattern.compile("-XX:MaxRAMPercentage=([0-9.]+)").matcher(javaOpts);
            assertThat(percentage.find()).as(Rendered.id(deployment) + " sizes its heap from the limit").isTrue();
            long limitMiB = mebibytes(deployment.at("/spec/template/spec/containers/0/resources/limits/memory").asText());
            double heapMiB = limitMiB * Double.parseDouble(percentage.group(1)) / 100;
            assertThat(heapMiB + MEASURED_NON_HEAP_MIB).as("%s: heap %.0f MiB + non-heap within the %d MiB limit",
                    Rendered.id(deployment), heapMiB, limitMiB).isLessThanOrEqualTo(limitMiB);
        }
    }

    private static long mebibytes(String quantity) {
        if (quantity.endsWith("Gi")) {
            return Long.parseLong(quantity.substring(0, quantity.length() - 2)) * 1024;
        }
        assertThat(quantity).as("memory limits are written in Mi or Gi").endsWith("Mi");
        return Long.parseLong(quantity.substring(0, quantity.length() - 2));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void podsRunNonRootReadOnlyWithoutCapabilitiesOrPrivilegeEscalation(Path overlay) {
        for (JsonNode deployment : deployments(overlay)) {
            JsonNode pod = deployment.at("/spec/template/spec");
            String id = Rendered.id(deployment);
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).as(id).isTrue();
            assertThat(pod.at("/securityContext/runAsUser").asInt()).as(id).isEqualTo(185);
            assertThat(pod.at("/securityContext/seccompProfile/type").asText()).as(id).isEqualTo("RuntimeDefault");
            assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).as(id).isFalse();
            for (JsonNode container : pod.path("containers")) {
                JsonNode sc = container.path("securityContext");
                assertThat(sc.path("runAsNonRoot").asBoolean()).as(id).isTrue();
                assertThat(sc.path("allowPrivilegeEscalation").asBoolean(true)).as(id).isFalse();
                assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).as(id).isTrue();
                assertThat(sc.path("privileged").asBoolean(false)).as(id).isFalse();
                assertThat(sc.at("/capabilities/drop").toString()).as(id).isEqualTo("[\"ALL\"]");
                assertThat(sc.at("/capabilities/add").isMissingNode()).as(id).isTrue();
                // a read-only root needs a writable /tmp, backed by an emptyDir of the pod
                String tmpVolume = container.path("volumeMounts").findParents("mountPath").stream()
                        .filter(m -> m.path("mountPath").asText().equals("/tmp"))
                        .map(m -> m.path("name").asText()).findFirst().orElse("");
                assertThat(pod.path("volumes").findParents("name").stream()
                        .anyMatch(v -> v.path("name").asText().equals(tmpVolume) && v.has("emptyDir")))
                        .as(id + " /tmp emptyDir").isTrue();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyDeploymentHasItsServiceAccountServicePdbAndHpa(Path overlay) {
        List<JsonNode> objects = Rendered.overlay(overlay);
        for (JsonNode deployment : deployments(overlay)) {
            String name = deployment.at("/metadata/name").asText();
            JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
            String account = deployment.at("/spec/template/spec/serviceAccountName").asText();
            assertThat(Rendered.ofKind(objects, "ServiceAccount"))
                    .as(name + " service account without API token")
                    .anySatisfy(sa -> {
                        assertThat(sa.at("/metadata/name").asText()).isEqualTo(account);
                        assertThat(sa.path("automountServiceAccountToken").asBoolean(true)).isFalse();
                    });
            assertThat(Rendered.ofKind(objects, "Service")).as(name + " Service")
                    .anySatisfy(s -> assertThat(Labels.matches(s.at("/spec/selector"), podLabels)).isTrue());
            assertThat(Rendered.ofKind(objects, "PodDisruptionBudget")).as(name + " PDB")
                    .anySatisfy(p -> assertThat(Labels.selects(p.at("/spec/selector"), podLabels)).isTrue());
            // the HPA owns the replica count: a spec.replicas in the manifest would reset a scaled-out Deployment on apply
            assertThat(deployment.at("/spec/replicas").isMissingNode()).as(name + " leaves spec.replicas to the HPA").isTrue();
            assertThat(Rendered.ofKind(objects, "HorizontalPodAutoscaler")).as(name + " HPA")
                    .anySatisfy(h -> {
                        assertThat(h.path("apiVersion").asText()).isEqualTo("autoscaling/v2");
                        assertThat(h.at("/spec/scaleTargetRef/kind").asText()).isEqualTo("Deployment");
                        assertThat(h.at("/spec/scaleTargetRef/name").asText()).isEqualTo(name);
                        assertThat(h.at("/spec/minReplicas").asInt()).isPositive();
                        assertThat(h.at("/spec/maxReplicas").asInt()).isGreaterThanOrEqualTo(h.at("/spec/minReplicas").asInt());
                    });
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void productionSettingsComeFromTheEnvironment(Path overlay) {
        List<JsonNode> objects = Rendered.overlay(overlay);
        for (JsonNode deployment : deployments(overlay)) {
            Map<String, String> env = Env.of(deployment, objects);
            String id = Rendered.id(deployment);
            assertThat(env).as(id).containsEntry("QUARKUS_PROFILE", "prod")
                    .containsEntry("QUARKUS_HIBERNATE_ORM_SCHEMA_MANAGEMENT_STRATEGY", "validate")
                    .containsEntry("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true")
                    .containsEntry("QUARKUS_OTEL_SDK_DISABLED", "true")
                    .containsKey("WELLNESS_OIDC_ISSUER");
            if (!deployment.at("/metadata/name").asText().equals("gateway")) {
                assertThat(env).as(id).containsKeys("WELLNESS_DB_URL", "WELLNESS_KAFKA_BOOTSTRAP")
                        .containsEntry("WELLNESS_DB_USER", "secret:wellness-db-" + dbName(deployment) + "/username")
                        .containsEntry("WELLNESS_DB_PASSWORD", "secret:wellness-db-" + dbName(deployment) + "/password");
                assertThat(env.get("WELLNESS_DB_URL")).endsWith("/" + dbName(deployment));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void onlyTheGatewayAndKeycloakAreExposedAndOnlyOverTls(Path overlay) {
        List<JsonNode> objects = Rendered.overlay(overlay);
        assertThat(Rendered.ofKind(objects, "Service"))
                .allSatisfy(s -> assertThat(s.at("/spec/type").asText("ClusterIP")).as(Rendered.id(s)).isEqualTo("ClusterIP"));
        List<JsonNode> ingresses = Rendered.ofKind(objects, "Ingress");
        assertThat(ingresses).extracting(i -> i.at("/metadata/name").asText()).containsExactlyInAnyOrder("gateway", "wellness-keycloak");
        for (JsonNode ingress : ingresses) {
            List<String> tlsHosts = new ArrayList<>();
            ingress.at("/spec/tls").forEach(t -> t.path("hosts").forEach(h -> tlsHosts.add(h.asText())));
            assertThat(ingress.at("/spec/rules")).allSatisfy(rule -> {
                assertThat(tlsHosts).as(Rendered.id(ingress) + " TLS for " + rule.path("host").asText()).contains(rule.path("host").asText());
                List<String> backends = new ArrayList<>();
                rule.at("/http/paths").forEach(path -> backends.add(path.at("/backend/service/name").asText()));
                assertThat(backends).as(Rendered.id(ingress) + " backends").isSubsetOf("gateway", "wellness-keycloak-service");
            });
            assertThat(ingress.at("/metadata/annotations/nginx.ingress.kubernetes.io~1ssl-redirect").asText()).isEqualTo("true");
        }
    }

    /**
     * Every WELLNESS_* setting a service reads whose built-in default only suits a laptop (none, dev-only, or
     * localhost) is set by its Deployment: a new setting in application.properties must reach the manifests.
     */
    @ParameterizedTest
    @MethodSource("overlays")
    void everySettingWithALocalOnlyDefaultIsSetInTheDeployment(Path overlay) throws IOException {
        List<JsonNode> objects = Rendered.overlay(overlay);
        Pattern reference = Pattern.compile("\\$\\{(WELLNESS_[A-Z0-9_]+)(?::([^}]*))?}");
        for (JsonNode deployment : deployments(overlay)) {
            String service = deployment.at("/metadata/name").asText();
            Path properties = Rendered.repositoryDir().resolve(service).resolve("src/main/resources/application.properties");
            assertThat(properties).as(service + " module").exists();
            Map<String, String> env = Env.of(deployment, objects);
            for (String line : Files.readAllLines(properties)) {
                if (line.startsWith("%") || line.startsWith("#")) {
                    continue; // dev/test profile values and comments
                }
                Matcher m = reference.matcher(line);
                while (m.find()) {
                    String fallback = m.group(2);
                    boolean localOnly = fallback == null || fallback.contains("dev-only") || fallback.contains("localhost");
                    if (localOnly) {
                        assertThat(env).as(service + " sets " + m.group(1) + " (default '" + fallback + "')").containsKey(m.group(1));
                    }
                }
            }
        }
    }

    private static String dbName(JsonNode deployment) {
        return deployment.at("/metadata/name").asText().replace("-service", "");
    }
}
