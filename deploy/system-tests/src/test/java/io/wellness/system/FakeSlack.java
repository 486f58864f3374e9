package io.wellness.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local HTTP server that plays Slack's Web API as the scheduler uses it: {@code chat.postMessage} with a bot token
 * (a wrong token gets Slack's {@code {"ok":false,"error":"invalid_auth"}}), answers {@code ok} with a channel and a
 * message timestamp, and accepts message updates on {@code response_url}s it hands out. It can be told to answer
 * 429 (with Retry-After) and 5xx for a while, as Slack does under load or in an incident.
 */
final class FakeSlack implements AutoCloseable {
    static final String BOT_TOKEN = "xoxb-dev-only-system-test";
    static final String SIGNING_SECRET = "dev-only-system-test-signing-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One accepted direct message: to whom, which break emission, the buttons offered. */
    record Message(String channel, UUID breakId, int snoozeCount, List<String> actionIds, String text, String ts,
                   Instant receivedAt) {
    }

    record Update(String path, JsonNode body) {
    }

    private final HttpServer server;
    private final Map<UUID, List<Message>> messagesByBreak = new ConcurrentHashMap<>();
    private final List<Update> updates = new CopyOnWriteArrayList<>();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong badToken = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();
    private volatile Instant failingUntil = Instant.MIN;
    private volatile int retryAfterSeconds = 1;

    FakeSlack() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 200);
        server.createContext("/api/chat.postMessage", this::postMessage);
        server.createContext("/response/", this::responseUrl);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    String apiUrl() {
        return base() + "/api";
    }

    String responseUrlPrefix() {
        return base() + "/response/";
    }

    String base() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** Until {@code until}, every chat.postMessage is refused: 429 with Retry-After and 503, alternately. */
    void failUntil(Instant until, int retryAfterSeconds) {
        this.retryAfterSeconds = retryAfterSeconds;
        this.failingUntil = until;
    }

    Map<UUID, List<Message>> messagesByBreak() {
        return messagesByBreak;
    }

    Optional<Message> messageFor(UUID breakId) {
        List<Message> messages = messagesByBreak.get(breakId);
        return messages == null || messages.isEmpty() ? Optional.empty() : Optional.of(messages.getFirst());
    }

    List<Message> messagesTo(String channel) {
        List<Message> found = new ArrayList<>();
        messagesByBreak.values().forEach(list -> list.stream().filter(m -> m.channel().equals(channel)).forEach(found::add));
        return found;
    }

    List<Update> updates() {
        return updates;
    }

    long attempts() {
        return attempts.get();
    }

    long refused() {
        return refused.get();
    }

    long badTokens() {
        return badToken.get();
    }

    private void postMessage(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            long attempt = attempts.incrementAndGet();
            if (!"POST".equals(exchange.getRequestMethod())) {
                answer(exchange, 405, "{\"ok\":false,\"error\":\"method_not_allowed\"}");
                return;
            }
            if (Instant.now().isBefore(failingUntil)) {
                refused.incrementAndGet();
                if (attempt % 2 == 0) {
                    exchange.getResponseHeaders().add("Retry-After", Integer.toString(retryAfterSeconds));
                    answer(exchange, 429, "{\"ok\":false,\"error\":\"ratelimited\"}");
                } else {
                    answer(exchange, 503, "<html>service unavailable</html>");
                }
                return;
            }
            if (!("Bearer " + BOT_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                badToken.incrementAndGet();
                answer(exchange, 200, "{\"ok\":false,\"error\":\"invalid_auth\"}");
                return;
            }
            JsonNode message = JSON.readTree(body);
            String channel = message.path("channel").asText("");
            List<String> actionIds = new ArrayList<>();
            String value = null;
            for (JsonNode block : message.path("blocks")) {
                for (JsonNode element : block.path("elements")) {
                    if ("button".equals(element.path("type").asText())) {
                        actionIds.add(element.path("action_id").asText());
                        value = element.path("value").asText();
                    }
                }
            }
            if (channel.isEmpty() || value == null || !value.contains(":")) {
                answer(exchange, 200, "{\"ok\":false,\"error\":\"invalid_blocks\"}");
                return;
            }
            String[] parts = value.split(":");
            String ts = "1700000000." + String.format("%06d", sequence.incrementAndGet());
            Message accepted = new Message(channel, UUID.fromString(parts[0]), Integer.parseInt(parts[1]), actionIds,
                    message.path("text").asText(), ts, Instant.now());
            messagesByBreak.computeIfAbsent(accepted.breakId(), id -> new CopyOnWriteArrayList<>()).add(accepted);
            answer(exchange, 200, "{\"ok\":true,\"channel\":\"D" + channel + "\",\"ts\":\"" + ts + "\"}");
        } catch (RuntimeException e) {
            answer(exchange, 400, "{\"ok\":false,\"error\":\"invalid_json\"}");
        }
    }

    private void responseUrl(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            updates.add(new Update(exchange.getRequestURI().getPath(), JSON.readTree(body)));
            answer(exchange, 200, "ok");
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", body.startsWith("{") ? "application/json; charset=utf-8" : "text/plain");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
