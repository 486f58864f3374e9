package io.wellness.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Secret and ConfigMap an object refers to either is in the render or is documented in
 * deploy/kubernetes/provided-secrets.yaml (with the keys used), and the documentation has no stale entries.
 */
class SecretAndConfigMapReferencesTest {

    /** A reference to one key of a Secret or ConfigMap; key "*" when the whole object is used. */
    record Ref(String kind, String name, String key, String from) {
    }

    /** Paths (array indexes as []) of fields naming a Secret that {@link #references} understands. */
    private static final Set<String> KNOWN_SECRET_FIELDS = Set.of(
            "/spec/template/spec/containers[]/env[]/valueFrom/secretKeyRef",
            "/spec/tls[]/secretName",
            "/spec/db/usernameSecret", "/spec/db/passwordSecret",
            "/spec/bootstrapAdmin/user/secret",
            "/spec/placeholders/*/secret",
            "/spec/managed/roles[]/passwordSecret");

    static List<Path> overlays() {
        return Rendered.overlays();
    }

    static List<Ref> references(JsonNode o) {
        List<Ref> refs = new ArrayList<>();
        String id = Rendered.id(o);
        switch (o.path("kind").asText()) {
            case "Deployment" -> {
                JsonNode pod = o.at("/spec/template/spec");
                for (JsonNode c : pod.path("containers")) {
                    for (JsonNode from : c.path("envFrom")) {
                        if (from.has("secretRef")) {
                            refs.add(new Ref("Secret", from.at("/secretRef/name").asText(), "*", id));
                        }
                        if (from.has("configMapRef")) {
                            refs.add(new Ref("ConfigMap", from.at("/configMapRef/name").asText(), "*", id));
                        }
                    }
                    for (JsonNode e : c.path("env")) {
                        JsonNode s = e.at("/valueFrom/secretKeyRef");
                        if (s.isObject()) {
                            refs.add(new Ref("Secret", s.path("name").asText(), s.path("key").asText(), id));
                        }
                        JsonNode m = e.at("/valueFrom/configMapKeyRef");
                        if (m.isObject()) {
                            refs.add(new Ref("ConfigMap", m.path("name").asText(), m.path("key").asText(), id));
                        }
                    }
                }
                for (JsonNode v : pod.path("volumes")) {
                    if (v.has("secret")) {
                        refs.add(new Ref("Secret", v.at("/secret/secretName").asText(), "*", id));
                    }
                    if (v.has("configMap")) {
                        refs.add(new Ref("ConfigMap", v.at("/configMap/name").asText(), "*", id));
                    }
                }
            }
            case "Ingress" -> o.at("/spec/tls").forEach(t -> {
                refs.add(new Ref("Secret", t.path("secretName").asText(), "tls.crt", id));
                refs.add(new Ref("Secret", t.path("secretName").asText(), "tls.key", id));
            });
            case "Keycloak" -> {
                for (String field : List.of("usernameSecret", "passwordSecret")) {
                    JsonNode s = o.at("/spec/db/" + field);
                    if (s.isObject()) {
                        refs.add(new Ref("Secret", s.path("name").asText(), s.path("key").asText(), id));
                    }
                }
                String admin = o.at("/spec/bootstrapAdmin/user/secret").asText("");
                if (!admin.isEmpty()) {
                    refs.add(new Ref("Secret", admin, "username", id));
                    refs.add(new Ref("Secret", admin, "password", id));
                }
            }
            case "KeycloakRealmImport" -> o.at("/spec/placeholders").forEach(p ->
                    refs.add(new Ref("Secret", p.at("/secret/name").asText(), p.at("/secret/key").asText(), id)));
            case "Cluster" -> o.at("/spec/managed/roles").forEach(r -> {
                refs.add(new Ref("Secret", r.at("/passwordSecret/name").asText(), "username", id));
                refs.add(new Ref("Secret", r.at("/passwordSecret/name").asText(), "password", id));
            });
            default -> {
            }
        }
        return refs;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyReferencedSecretOrConfigMapIsRenderedOrDocumentedWithItsKey(Path overlay) throws IOException {
        List<JsonNode> objects = Rendered.overlay(overlay);
        Map<String, Set<String>> documented = documentedSecrets();
        List<String> unresolved = new ArrayList<>();
        for (JsonNode object : objects) {
            for (Ref ref : references(object)) {
                JsonNode rendered = objects.stream()
                        .filter(o -> o.path("kind").asText().equals(ref.kind()) && o.at("/metadata/name").asText().equals(ref.name()))
                        .findFirst().orElse(null);
                if (rendered != null) {
                    boolean hasKey = ref.key().equals("*") || rendered.path("data").has(ref.key()) || rendered.path("stringData").has(ref.key());
                    if (!hasKey) {
                        unresolved.add(ref + ": key missing in the rendered object");
                    }
                } else if (!ref.kind().equals("Secret") || !documented.containsKey(ref.name())) {
                    unresolved.add(ref + ": neither rendered nor documented in provided-secrets.yaml");
                } else if (!ref.key().equals("*") && !documented.get(ref.name()).contains(ref.key())) {
                    unresolved.add(ref + ": key not documented in provided-secrets.yaml");
                }
            }
        }
        assertThat(unresolved).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void noSecretFieldEscapesTheReferenceCheck(Path overlay) {
        Set<String> secretFields = new TreeSet<>();
        for (JsonNode object : Rendered.overlay(overlay)) {
            collectSecretFields(object, "", secretFields);
        }
        assertThat(secretFields).isSubsetOf(KNOWN_SECRET_FIELDS);
    }

    @Test
    void everyDocumentedSecretIsUsedAndHasCreationInstructionsInTheDeploymentGuide() throws IOException {
        Set<String> referenced = new HashSet<>();
        for (Path overlay : Rendered.overlays()) {
            Rendered.overlay(overlay).forEach(o -> references(o).forEach(r -> referenced.add(r.name())));
        }
        String guide = Files.readString(Rendered.deployDir().resolve("README.md"));
        for (String secret : documentedSecrets().keySet()) {
            assertThat(referenced).as("documented but unused: " + secret).contains(secret);
            assertThat(guide).as("deploy/README.md explains " + secret).contains(secret);
        }
    }

    @Test
    void theChatDeliverySecretsReachTheSchedulerUnderTheAgreedNames() {
        JsonNode scheduler = Rendered.ofKind(Rendered.overlay(Rendered.overlays().getFirst()), "Deployment").stream()
                .filter(d -> d.at("/metadata/name").asText().equals("scheduler-service")).findFirst().orElseThrow();
        Set<String> names = new LinkedHashSet<>();
        scheduler.at("/spec/template/spec/containers/0/env").forEach(e -> names.add(e.path("name").asText()));
        assertThat(names).contains("WELLNESS_SERVICES_CLIENT_SECRET", "WELLNESS_DELIVERY_ACTION_SECRET",
                "WELLNESS_DELIVERY_SLACK_BOT_TOKEN", "WELLNESS_DELIVERY_SLACK_SIGNING_SECRET",
                "WELLNESS_DELIVERY_TEAMS_APP_ID", "WELLNESS_DELIVERY_TEAMS_APP_PASSWORD",
                "WELLNESS_DELIVERY_MATTERMOST_WEBHOOK_URL", "WELLNESS_DELIVERY_WEBHOOK_ENDPOINTS_AUTOMATION_URL",
                "WELLNESS_DELIVERY_WEBHOOK_ENDPOINTS_AUTOMATION_SECRET");
    }

    private static void collectSecretFields(JsonNode node, String path, Set<String> out) {
        if (path.startsWith("/spec/realm")) {
            return; // the realm representation: client secrets there are placeholders, checked by RealmImportTest
        }
        if (node.isObject()) {
            node.properties().forEach(e -> {
                String key = e.getKey();
                boolean placeholderVariable = path.equals("/spec/placeholders");
                String childPath = path + "/" + (placeholderVariable ? "*" : key);
                if (!placeholderVariable && key.toLowerCase(Locale.ROOT).contains("secret")) {
                    out.add(childPath);
                } else {
                    collectSecretFields(e.getValue(), childPath, out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(item -> collectSecretFields(item, path + "[]", out));
        }
    }

    static Map<String, Set<String>> documentedSecrets() throws IOException {
        JsonNode doc = Rendered.parseAll(Files.readString(Rendered.kubernetesDir().resolve("provided-secrets.yaml"))).getFirst();
        return StreamSupport.stream(doc.path("secrets").spliterator(), false)
                .collect(Collectors.toMap(s -> s.path("name").asText(),
                        s -> StreamSupport.stream(s.path("keys").spliterator(), false)
                                .map(JsonNode::asText).collect(Collectors.toSet())));
    }
}
