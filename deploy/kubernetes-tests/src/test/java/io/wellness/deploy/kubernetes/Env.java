package io.wellness.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The environment a Deployment's first container gets, resolved against the rendered ConfigMaps. */
final class Env {

    private Env() {
    }

    /** @return name → value; Secret-backed entries as {@code secret:<name>/<key>} */
    static Map<String, String> of(JsonNode deployment, List<JsonNode> objects) {
        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            String configMap = from.at("/configMapRef/name").asText(null);
            if (configMap != null) {
                configMap(objects, configMap).path("data").properties()
                        .forEach(e -> env.put(e.getKey(), e.getValue().asText()));
            }
        }
        for (JsonNode variable : container.path("env")) {
            String name = variable.path("name").asText();
            if (variable.has("value")) {
                env.put(name, variable.path("value").asText());
            } else if (variable.at("/valueFrom/secretKeyRef").isObject()) {
                JsonNode ref = variable.at("/valueFrom/secretKeyRef");
                env.put(name, "secret:" + ref.path("name").asText() + "/" + ref.path("key").asText());
            } else if (variable.at("/valueFrom/configMapKeyRef").isObject()) {
                JsonNode ref = variable.at("/valueFrom/configMapKeyRef");
                env.put(name, configMap(objects, ref.path("name").asText()).path("data").path(ref.path("key").asText()).asText());
            }
        }
        return env;
    }

    private static JsonNode configMap(List<JsonNode> objects, String name) {
        return Rendered.ofKind(objects, "ConfigMap").stream()
                .filter(c -> c.at("/metadata/name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("ConfigMap " + name + " is not rendered"));
    }
}
