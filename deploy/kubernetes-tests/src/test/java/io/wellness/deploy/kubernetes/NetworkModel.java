package io.wellness.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * NetworkPolicy semantics over the pods an overlay creates: the Deployments' pods and the pods the operators
 * create for the Kafka, Cluster and Keycloak resources (with the labels those operators put on them), plus
 * endpoints outside the namespace (ingress controller, DNS, internet addresses).
 */
final class NetworkModel {

    /** A network endpoint: a pod (labels, namespace labels, named ports) or an outside address. */
    record Endpoint(String name, String namespace, JsonNode labels, JsonNode namespaceLabels,
                    Map<String, Integer> namedPorts, String ip) {
        boolean inNamespace(String ns) {
            return ns.equals(namespace);
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String namespace;
    private final List<JsonNode> policies;
    private final List<Endpoint> pods = new ArrayList<>();

    NetworkModel(List<JsonNode> objects) {
        this.namespace = Rendered.ofKind(objects, "Namespace").getFirst().at("/metadata/name").asText();
        this.policies = new ArrayList<>(Rendered.ofKind(objects, "NetworkPolicy"));
        for (JsonNode deployment : Rendered.ofKind(objects, "Deployment")) {
            Map<String, Integer> ports = new HashMap<>();
            deployment.at("/spec/template/spec/containers").forEach(c -> c.path("ports")
                    .forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt())));
            pods.add(pod(deployment.at("/metadata/name").asText(), deployment.at("/spec/template/metadata/labels"), ports));
        }
        for (JsonNode cluster : Rendered.ofKind(objects, "Cluster")) {
            String name = cluster.at("/metadata/name").asText();
            pods.add(pod("postgres " + name, labels("cnpg.io/cluster", name, "cnpg.io/podRole", "instance"), Map.of("postgresql", 5432)));
        }
        for (JsonNode keycloak : Rendered.ofKind(objects, "Keycloak")) {
            String name = keycloak.at("/metadata/name").asText();
            pods.add(pod("keycloak " + name, labels("app", "keycloak", "app.kubernetes.io/instance", name,
                    "app.kubernetes.io/managed-by", "keycloak-operator"), Map.of("http", 8080)));
        }
        for (JsonNode kafka : Rendered.ofKind(objects, "Kafka")) {
            String name = kafka.at("/metadata/name").asText();
            pods.add(pod("kafka " + name, labels("strimzi.io/cluster", name, "strimzi.io/kind", "Kafka",
                    "strimzi.io/broker-role", "true", "strimzi.io/controller-role", "true"), Map.of()));
            policies.add(strimziListenerPolicy(kafka, name));
        }
    }

    /** Strimzi creates one NetworkPolicy per cluster: each listener's port, open to its networkPolicyPeers. */
    private static JsonNode strimziListenerPolicy(JsonNode kafka, String name) {
        ObjectNode policy = MAPPER.createObjectNode();
        policy.put("kind", "NetworkPolicy").putObject("metadata").put("name", name + "-network-policy-kafka");
        ObjectNode spec = policy.putObject("spec");
        // Strimzi selects the cluster's Kafka pods (its own labels); the model's broker pod carries these
        spec.putObject("podSelector").putObject("matchLabels").put("strimzi.io/cluster", name).put("strimzi.io/kind", "Kafka");
        spec.putArray("policyTypes").add("Ingress");
        for (JsonNode listener : kafka.at("/spec/kafka/listeners")) {
            ObjectNode rule = spec.withArray("ingress").addObject();
            rule.putArray("ports").addObject().put("protocol", "TCP").put("port", listener.path("port").asInt());
            if (listener.has("networkPolicyPeers")) {
                rule.set("from", listener.get("networkPolicyPeers"));
            }
        }
        return policy;
    }

    List<Endpoint> pods() {
        return pods;
    }

    Endpoint pod(String name) {
        return pods.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no pod " + name + " in " + pods.stream().map(Endpoint::name).toList()));
    }

    Endpoint pod(String name, JsonNode labels, Map<String, Integer> ports) {
        return new Endpoint(name, namespace, labels, labels("kubernetes.io/metadata.name", namespace), ports, null);
    }

    static Endpoint outsidePod(String name, String namespace, JsonNode labels, Map<String, Integer> ports) {
        return new Endpoint(name, namespace, labels, labels("kubernetes.io/metadata.name", namespace), ports, null);
    }

    static Endpoint address(String ip) {
        return new Endpoint(ip, null, labels(), labels(), Map.of(), ip);
    }

    static JsonNode labels(String... pairs) {
        ObjectNode node = MAPPER.createObjectNode();
        for (int i = 0; i < pairs.length; i += 2) {
            node.put(pairs[i], pairs[i + 1]);
        }
        return node;
    }

    boolean isolated(Endpoint pod, String direction) {
        return selecting(pod, direction).findAny().isPresent();
    }

    private Stream<JsonNode> selecting(Endpoint pod, String direction) {
        if (!pod.inNamespace(namespace)) {
            return Stream.empty();
        }
        return policies.stream()
                .filter(p -> Labels.selects(p.at("/spec/podSelector"), pod.labels()))
                .filter(p -> p.at("/spec/policyTypes").toString().contains("\"" + direction + "\""));
    }

    /** Whether a TCP/UDP connection from → to:port is allowed by both sides' policies. */
    boolean allows(Endpoint from, Endpoint to, int port, String protocol) {
        return allowedOneWay(from, to, port, protocol, "Egress") && allowedOneWay(to, from, port, protocol, "Ingress");
    }

    boolean allows(Endpoint from, Endpoint to, int port) {
        return allows(from, to, port, "TCP");
    }

    /** @param subject the pod whose policies apply; peer the other side; port always the destination's */
    private boolean allowedOneWay(Endpoint subject, Endpoint peer, int port, String protocol, String direction) {
        if (subject.ip() != null || !isolated(subject, direction)) {
            return true;
        }
        Endpoint destination = direction.equals("Egress") ? peer : subject;
        String rulesField = direction.equals("Egress") ? "egress" : "ingress";
        String peersField = direction.equals("Egress") ? "to" : "from";
        return selecting(subject, direction).anyMatch(policy -> {
            for (JsonNode rule : policy.at("/spec/" + rulesField)) {
                boolean peerOk = !rule.has(peersField) || rule.get(peersField).isEmpty();
                for (JsonNode p : rule.path(peersField)) {
                    peerOk |= peerMatches(p, peer);
                }
                boolean portOk = !rule.has("ports") || rule.get("ports").isEmpty();
                for (JsonNode p : rule.path("ports")) {
                    portOk |= portMatches(p, destination, port, protocol);
                }
                if (peerOk && portOk) {
                    return true;
                }
            }
            return false;
        });
    }

    private boolean peerMatches(JsonNode peer, Endpoint endpoint) {
        if (peer.has("ipBlock")) {
            return endpoint.ip() != null && inBlock(endpoint.ip(), peer.get("ipBlock"));
        }
        if (endpoint.ip() != null) {
            return false;
        }
        boolean namespaceOk = peer.has("namespaceSelector")
                ? Labels.selects(peer.get("namespaceSelector"), endpoint.namespaceLabels())
                : endpoint.inNamespace(namespace);
        boolean podOk = !peer.has("podSelector") || Labels.selects(peer.get("podSelector"), endpoint.labels());
        return namespaceOk && podOk;
    }

    private static boolean portMatches(JsonNode rulePort, Endpoint destination, int port, String protocol) {
        if (!rulePort.path("protocol").asText("TCP").equals(protocol)) {
            return false;
        }
        JsonNode p = rulePort.get("port");
        if (p == null) {
            return true;
        }
        if (p.isInt()) {
            int end = rulePort.path("endPort").asInt(p.asInt());
            return port >= p.asInt() && port <= end;
        }
        Integer named = destination.namedPorts().get(p.asText());
        return named != null && named == port;
    }

    private static boolean inBlock(String ip, JsonNode block) {
        if (!inCidr(ip, block.path("cidr").asText())) {
            return false;
        }
        for (JsonNode except : block.path("except")) {
            if (inCidr(ip, except.asText())) {
                return false;
            }
        }
        return true;
    }

    private static boolean inCidr(String ip, String cidr) {
        try {
            byte[] address = InetAddress.getByName(ip).getAddress();
            String[] parts = cidr.split("/");
            byte[] network = InetAddress.getByName(parts[0]).getAddress();
            int bits = Integer.parseInt(parts[1]);
            if (address.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((address[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
