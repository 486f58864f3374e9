package io.wellness.scheduler.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small stand-in for the catalog's {@code POST /api/catalog/plans} (the real catalog module is built in parallel):
 * same request and response shapes, a bearer token of the wellness-services client required, {@code recent}
 * honoured when other exercises fit, 422 problem when nothing fits. {@code GET /__calls} answers how many plans it
 * served, {@code POST /__down} / {@code /__up} make it answer 503.
 */
public final class FakeCatalog implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[][] EXERCISES = {
            {"neck-tilt", "Neck tilt", "neck"}, {"shoulder-shrug", "Shoulder shrug", "shoulders"},
            {"wrist-circles", "Wrist circles", "wrists"}, {"chest-opener", "Chest opener", "chest"},
            {"seated-twist", "Seated twist", "back"}, {"calf-raise", "Calf raise", "legs"},
            {"eye-palming", "Eye palming", "eyes"}, {"hip-flexor", "Hip flexor stretch", "hips"},
            {"finger-spread", "Finger spread", "hands"}, {"side-bend", "Side bend", "back"},
            {"ankle-pumps", "Ankle pumps", "legs"}, {"upper-back", "Upper back stretch", "back"}};

    private final HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();
    private volatile boolean down;

    public FakeCatalog() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/catalog/plans", this::plan);
        server.createContext("/__calls", ex -> respond(ex, 200, "application/json", Integer.toString(calls.get())));
        server.createContext("/__down", ex -> {
            down = true;
            respond(ex, 204, "text/plain", "");
        });
        server.createContext("/__up", ex -> {
            down = false;
            respond(ex, 204, "text/plain", "");
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void plan(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            respond(exchange, 405, "text/plain", "");
            return;
        }
        if (!fromServiceAccount(exchange.getRequestHeaders().getFirst("Authorization"))) {
            respond(exchange, 401, "application/problem+json", "{\"title\":\"Unauthorized\",\"status\":401}");
            return;
        }
        if (down) {
            respond(exchange, 503, "application/problem+json", "{\"title\":\"Service Unavailable\",\"status\":503}");
            return;
        }
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        Set<String> avoid = strings(request.path("avoid"));
        Set<String> recent = strings(request.path("recent"));
        List<String[]> fitting = new ArrayList<>();
        for (String[] exercise : EXERCISES) {
            if (!avoid.contains(exercise[0]) && !"impossible".equals(request.path("position").asText())) {
                fitting.add(exercise);
            }
        }
        if (fitting.isEmpty()) {
            respond(exchange, 422, "application/problem+json",
                    "{\"title\":\"Unprocessable Content\",\"status\":422,\"detail\":\"no exercise fits\"}");
            return;
        }
        List<String[]> fresh = fitting.stream().filter(e -> !recent.contains(e[0])).toList();
        List<String[]> pool = fresh.isEmpty() ? fitting : fresh;
        long seed = request.path("seed").asLong();
        int count = Math.min(2, pool.size());
        ObjectNode plan = JSON.createObjectNode();
        plan.put("seed", seed);
        plan.put("catalogVersion", "fake-1");
        plan.put("totalDurationSeconds", 60 * count);
        ArrayNode exercises = plan.putArray("exercises");
        for (int i = 0; i < count; i++) {
            String[] e = pool.get((int) Math.floorMod(seed + i, (long) pool.size()));
            if (i == 1 && e == pool.get((int) Math.floorMod(seed, (long) pool.size()))) {
                e = pool.get((int) Math.floorMod(seed + 2, (long) pool.size()));
            }
            ObjectNode exercise = exercises.addObject();
            exercise.put("id", e[0]);
            exercise.put("name", e[1]);
            exercise.put("summary", "Eases the " + e[2] + ".");
            exercise.put("durationSeconds", 60);
            exercise.putArray("regions").add(e[2]);
            exercise.putArray("steps").add("Sit tall.").add("Move slowly.");
            exercise.put("dose", "5 repetitions");
            exercise.putArray("cautions").add("Stop if it hurts.");
        }
        calls.incrementAndGet();
        respond(exchange, 200, "application/json", JSON.writeValueAsString(plan));
    }

    /** The fake trusts Keycloak's signature (the real catalog verifies it) but checks who the token was issued to. */
    private static boolean fromServiceAccount(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        try {
            String[] parts = authorization.substring(7).split("\\.");
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return "wellness-services".equals(claims.path("azp").asText());
        } catch (Exception e) {
            return false;
        }
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new HashSet<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
