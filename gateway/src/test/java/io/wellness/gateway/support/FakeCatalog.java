package io.wellness.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalog's admin endpoints as the admin page uses them, in the shapes of catalog-service's ExerciseView and
 * problem details: one exercise to list and load, and create/replace that check a few fields the way the catalog
 * does (every invalid field listed at once, named by its JSON path), echoing an accepted body.
 */
public final class FakeCatalog {
    public static final String EXERCISE_ID = "neck-side-stretch";
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Answer(int status, String contentType, String body) {
    }

    Answer handle(String method, String path, String query, String language, String body) {
        if (method.equals("GET") && path.equals("/api/catalog/exercises") && query != null && query.contains("includeRetired=true")) {
            return json(200, "{\"items\":[{\"id\":\"" + EXERCISE_ID + "\",\"name\":\"Neck side stretch\",\"retired\":false}]}");
        }
        if (method.equals("GET") && path.equals("/api/catalog/exercises/" + EXERCISE_ID)) {
            return json(200, "de".equals(language) ? view("de", "Nacken seitlich dehnen", "Kopf zur Seite neigen.",
                    "[\"Aufrecht sitzen.\",\"Ohr Richtung Schulter neigen.\"]", "[\"Nicht ruckartig bewegen.\"]")
                    : view("en", "Neck side stretch", "Tilt your head to the side.",
                    "[\"Sit tall.\",\"Tilt one ear towards the shoulder.\"]", "[\"Move slowly.\"]"));
        }
        if ((method.equals("PUT") && path.equals("/api/catalog/exercises/" + EXERCISE_ID))
                || (method.equals("POST") && path.equals("/api/catalog/exercises"))) {
            return write(body);
        }
        return null;
    }

    private Answer write(String body) {
        JsonNode input;
        try {
            input = JSON.readTree(body);
        } catch (IOException e) {
            return json(400, "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"not JSON\"}");
        }
        List<String[]> errors = new ArrayList<>();
        if (!input.path("regions").isArray() || input.path("regions").isEmpty()) {
            errors.add(new String[]{"regions", "must not be empty"});
        }
        int duration = input.path("durationSeconds").asInt(0);
        if (duration < 5 || duration > 600) {
            errors.add(new String[]{"durationSeconds", duration < 5 ? "must be greater than or equal to 5" : "must be less than or equal to 600"});
        }
        for (String lang : List.of("en", "de")) {
            JsonNode words = input.path("text").path(lang);
            if (words.path("name").asText("").isBlank()) {
                errors.add(new String[]{"text." + lang + ".name", "must not be blank"});
            }
            if (!words.path("steps").isArray() || words.path("steps").isEmpty()) {
                errors.add(new String[]{"text." + lang + ".steps", "must not be empty"});
            }
        }
        JsonNode hold = input.path("dose").path("holdSeconds");
        if (hold.isObject() && hold.path("min").asInt() > hold.path("max").asInt()) {
            errors.add(new String[]{"dose.holdSeconds.ordered", "max must not be below min"});
        }
        if (!errors.isEmpty()) {
            StringBuilder list = new StringBuilder();
            for (String[] e : errors) {
                list.append(list.isEmpty() ? "" : ",").append("{\"field\":\"").append(e[0]).append("\",\"message\":\"").append(e[1]).append("\"}");
            }
            return new Answer(400, "application/problem+json", "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                    + "\"detail\":\"" + errors.size() + " invalid field(s)\",\"errors\":[" + list + "]}");
        }
        return json(200, body);
    }

    private static String view(String language, String name, String summary, String steps, String cautions) {
        return """
                {"id":"%s","language":"%s","name":"%s","summary":"%s","steps":%s,
                 "regions":["neck"],"position":"seated","equipment":["chair"],"setting":"at-desk","kind":"stretch",
                 "intensity":"light","durationSeconds":40,
                 "dose":{"holdSeconds":{"min":15,"max":30},"reps":null,"sets":null,"perSide":true,"rounds":{"min":2,"max":3},
                         "timesPerDay":null,"timesPerWeek":null},
                 "doseText":"","progression":{"firstTimeHoldSeconds":5,"text":null},"cautions":%s,
                 "source":{"id":"desk-stretches","title":"Desk stretches","publisher":"Example","seedFile":"x"},
                 "retired":false,"version":1}""".formatted(EXERCISE_ID, language, name, summary, steps, cautions);
    }

    private static Answer json(int status, String body) {
        return new Answer(status, "application/json", body);
    }
}
