package io.wellness.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** Kubernetes label-selector semantics, for checking which objects select which pods. */
final class Labels {

    private Labels() {
    }

    /** A plain map selector (Service spec.selector, matchLabels): every pair must be among the labels. */
    static boolean matches(JsonNode selector, JsonNode labels) {
        if (selector == null || selector.isMissingNode() || selector.isNull()) {
            return true;
        }
        List<Boolean> results = new ArrayList<>();
        selector.properties().forEach(e -> results.add(e.getValue().asText().equals(labels.path(e.getKey()).asText(null))));
        return !results.contains(false);
    }

    /** A LabelSelector (matchLabels and matchExpressions); an empty selector selects everything. */
    static boolean selects(JsonNode labelSelector, JsonNode labels) {
        if (!matches(labelSelector.path("matchLabels"), labels)) {
            return false;
        }
        for (JsonNode expression : labelSelector.path("matchExpressions")) {
            String key = expression.path("key").asText();
            List<String> values = new ArrayList<>();
            for (JsonNode v : expression.path("values")) {
                values.add(v.asText());
            }
            boolean has = labels.has(key);
            boolean ok = switch (expression.path("operator").asText()) {
                case "In" -> has && values.contains(labels.get(key).asText());
                case "NotIn" -> !has || !values.contains(labels.get(key).asText());
                case "Exists" -> has;
                case "DoesNotExist" -> !has;
                default -> throw new IllegalArgumentException("unknown operator " + expression);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
