package io.wellness.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the manifests give scheduler-service's chat delivery is what the service reads: every WELLNESS_DELIVERY_*
 * variable is referenced by its application.properties or names a generic webhook endpoint
 * ({@code wellness.delivery.webhook.endpoints.<name>.url/.secret}, mapped from the variable name), and every
 * credential comes from a Secret, never from a literal or a ConfigMap.
 */
class DeliveryConfigurationTest {
    private static final Pattern WEBHOOK_ENDPOINT = Pattern.compile("WELLNESS_DELIVERY_WEBHOOK_ENDPOINTS_([A-Z0-9]+)_(URL|SECRET)");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(WELLNESS_[A-Z0-9_]+)");
    /** The one delivery setting that is not a credential (the public host, from the service's ConfigMap). */
    private static final Set<String> NOT_SECRET = Set.of("WELLNESS_DELIVERY_PUBLIC_BASE_URL");

    static List<Path> overlays() {
        return Rendered.overlays();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyDeliveryVariableIsReadByTheServiceAndCredentialsComeFromSecrets(Path overlay) throws IOException {
        List<JsonNode> objects = Rendered.overlay(overlay);
        JsonNode container = Rendered.ofKind(objects, "Deployment").stream()
                .filter(d -> d.at("/metadata/name").asText().equals("scheduler-service")).findFirst().orElseThrow()
                .at("/spec/template/spec/containers/0");
        Map<String, JsonNode> env = new LinkedHashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e));
        for (JsonNode from : container.path("envFrom")) {
            String configMap = from.at("/configMapRef/name").asText();
            Rendered.ofKind(objects, "ConfigMap").stream()
                    .filter(c -> c.at("/metadata/name").asText().equals(configMap))
                    .forEach(c -> c.path("data").fieldNames().forEachRemaining(name -> env.putIfAbsent(name, c)));
        }
        Set<String> read = readByTheService();
        Map<String, Set<String>> webhookParts = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> variable : env.entrySet()) {
            String name = variable.getKey();
            if (!name.startsWith("WELLNESS_DELIVERY_")) {
                continue;
            }
            Matcher webhook = WEBHOOK_ENDPOINT.matcher(name);
            if (webhook.matches()) {
                webhookParts.computeIfAbsent(webhook.group(1), n -> new TreeSet<>()).add(webhook.group(2));
            } else {
                assertThat(read).as(overlay.getFileName() + ": " + name + " is set but scheduler-service does not read it")
                        .contains(name);
            }
            if (!NOT_SECRET.contains(name)) {
                assertThat(variable.getValue().at("/valueFrom/secretKeyRef/name").asText())
                        .as(overlay.getFileName() + ": " + name + " comes from a Secret").isEqualTo("wellness-chat-delivery");
            }
        }
        webhookParts.forEach((endpoint, parts) -> assertThat(parts)
                .as("webhook endpoint " + endpoint + " has both its URL and its signing secret").containsExactly("SECRET", "URL"));
        assertThat(env).as("the delivery's required action secret is set").containsKey("WELLNESS_DELIVERY_ACTION_SECRET");
    }

    /**
     * The variables the service reads: those application.properties refers to ({@code ${WELLNESS_...}}) and the
     * environment form of the properties it sets (SmallRye Config reads {@code a.b-c} also from {@code A_B_C}).
     */
    private static Set<String> readByTheService() throws IOException {
        String properties = Files.readString(Rendered.repositoryDir()
                .resolve("scheduler-service/src/main/resources/application.properties"));
        assertThat(properties).as("the webhook endpoints are a map the service reads per name")
                .contains("wellness.delivery.webhook.endpoints.<name>.url");
        Set<String> names = new TreeSet<>();
        Matcher placeholder = PLACEHOLDER.matcher(properties);
        while (placeholder.find()) {
            names.add(placeholder.group(1));
        }
        properties.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#") && line.contains("="))
                .map(line -> line.substring(0, line.indexOf('=')).strip())
                .filter(key -> !key.startsWith("%"))
                .forEach(key -> names.add(key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT)));
        return names;
    }
}
