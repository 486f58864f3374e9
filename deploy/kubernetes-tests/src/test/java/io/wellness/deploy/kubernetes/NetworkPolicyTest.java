package io.wellness.deploy.kubernetes;

import io.wellness.deploy.kubernetes.NetworkModel.Endpoint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.wellness.deploy.kubernetes.NetworkModel.labels;
import static org.assertj.core.api.Assertions.assertThat;

/** The NetworkPolicies cover every pod and allow exactly the platform's flows. */
class NetworkPolicyTest {

    private static final List<String> BACKENDS = List.of("catalog-service", "scheduler-service", "tracking-service");
    private static final Map<String, Integer> PORTS = Map.of(
            "catalog-service", 8081, "scheduler-service", 8082, "tracking-service", 8083, "gateway", 8080);

    private static final Endpoint INGRESS_CONTROLLER = NetworkModel.outsidePod("ingress-nginx controller", "ingress-nginx",
            labels("app.kubernetes.io/name", "ingress-nginx"), Map.of());
    private static final Endpoint PROMETHEUS = NetworkModel.outsidePod("prometheus", "monitoring",
            labels("app.kubernetes.io/name", "prometheus"), Map.of());
    private static final Endpoint DNS = NetworkModel.outsidePod("kube-dns", "kube-system", labels("k8s-app", "kube-dns"), Map.of());
    private static final Endpoint OTHER_NAMESPACE = NetworkModel.outsidePod("intruder", "other", labels("app", "x"), Map.of());
    /** an address of a chat SaaS (public) and one inside the company network (private) */
    private static final Endpoint SLACK = NetworkModel.address("52.85.1.10");
    private static final Endpoint PRIVATE = NetworkModel.address("10.20.30.40");

    static List<Path> overlays() {
        return Rendered.overlays();
    }

    private static NetworkModel model(Path overlay) {
        return new NetworkModel(Rendered.overlay(overlay));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyPodIsSelectedByAPolicyAndThePlatformPodsAlsoForEgress(Path overlay) {
        NetworkModel model = model(overlay);
        assertThat(model.pods()).hasSize(7);
        for (Endpoint pod : model.pods()) {
            assertThat(model.isolated(pod, "Ingress")).as(pod.name() + " ingress").isTrue();
        }
        for (String service : PORTS.keySet()) {
            assertThat(model.isolated(model.pod(service), "Egress")).as(service + " egress").isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void thePlatformFlowsAreAllowed(Path overlay) {
        NetworkModel m = model(overlay);
        Endpoint gateway = m.pod("gateway");
        Endpoint postgres = m.pod("postgres wellness-pg");
        Endpoint kafka = m.pod("kafka wellness-kafka");
        Endpoint keycloak = m.pod("keycloak wellness-keycloak");
        assertThat(m.allows(INGRESS_CONTROLLER, gateway, 8080)).isTrue();
        assertThat(m.allows(INGRESS_CONTROLLER, keycloak, 8080)).isTrue();
        assertThat(m.allows(gateway, keycloak, 8080)).isTrue();
        assertThat(m.allows(keycloak, postgres, 5432)).isTrue();
        for (String service : PORTS.keySet()) {
            Endpoint pod = m.pod(service);
            assertThat(m.allows(pod, DNS, 53, "UDP")).as(service + " DNS").isTrue();
            assertThat(m.allows(PROMETHEUS, pod, PORTS.get(service))).as(service + " metrics").isTrue();
        }
        for (String backend : BACKENDS) {
            Endpoint pod = m.pod(backend);
            assertThat(m.allows(gateway, pod, PORTS.get(backend))).as("gateway → " + backend).isTrue();
            assertThat(m.allows(pod, postgres, 5432)).as(backend + " → PostgreSQL").isTrue();
            assertThat(m.allows(pod, kafka, 9092)).as(backend + " → Kafka").isTrue();
            assertThat(m.allows(pod, keycloak, 8080)).as(backend + " → Keycloak").isTrue();
        }
        assertThat(m.allows(m.pod("scheduler-service"), SLACK, 443)).as("scheduler → chat SaaS").isTrue();
        assertThat(m.allows(m.pod("scheduler-service"), m.pod("catalog-service"), 8081)).as("scheduler → catalog plans").isTrue();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everythingElseIsDenied(Path overlay) {
        NetworkModel m = model(overlay);
        Endpoint gateway = m.pod("gateway");
        Endpoint scheduler = m.pod("scheduler-service");
        for (String backend : BACKENDS) {
            Endpoint pod = m.pod(backend);
            assertThat(m.allows(INGRESS_CONTROLLER, pod, PORTS.get(backend))).as("ingress → " + backend).isFalse();
            assertThat(m.allows(OTHER_NAMESPACE, pod, PORTS.get(backend))).as("other namespace → " + backend).isFalse();
            assertThat(m.allows(pod, gateway, 8080)).as(backend + " → gateway").isFalse();
            assertThat(m.allows(pod, PRIVATE, 443)).as(backend + " → private network").isFalse();
            for (String other : BACKENDS) {
                boolean plans = backend.equals("scheduler-service") && other.equals("catalog-service");
                if (!other.equals(backend) && !plans) {
                    assertThat(m.allows(pod, m.pod(other), PORTS.get(other))).as(backend + " → " + other).isFalse();
                }
            }
        }
        assertThat(m.allows(m.pod("catalog-service"), SLACK, 443)).as("only the scheduler talks to chat SaaS").isFalse();
        assertThat(m.allows(m.pod("tracking-service"), SLACK, 443)).isFalse();
        assertThat(m.allows(gateway, SLACK, 443)).isFalse();
        assertThat(m.allows(scheduler, SLACK, 80)).as("chat SaaS only on 443").isFalse();
        assertThat(m.allows(gateway, m.pod("postgres wellness-pg"), 5432)).as("gateway has no database").isFalse();
        assertThat(m.allows(gateway, m.pod("kafka wellness-kafka"), 9092)).as("gateway has no Kafka").isFalse();
        assertThat(m.allows(OTHER_NAMESPACE, m.pod("postgres wellness-pg"), 5432)).isFalse();
        assertThat(m.allows(OTHER_NAMESPACE, m.pod("kafka wellness-kafka"), 9092)).isFalse();
        assertThat(m.allows(OTHER_NAMESPACE, gateway, 8080)).isFalse();
    }
}
