package io.wellness.gateway.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A tiny stand-in for the downstream services on a free local port. It answers most requests with a JSON echo of
 * what it received (method, path, Authorization, X-Request-Id, Cookie, body), so a test sees exactly what the gateway
 * forwarded. {@code .../slow} answers only after {@code slowMillis} (the gateway's timeout), {@code .../broken} drops
 * the connection without an answer, and the inbox and dashboard paths serve the JSON the pages read
 * ({@link FakeData}).
 */
public final class FakeServices implements AutoCloseable {
    private final HttpServer server;
    private final long slowMillis;

    public FakeServices(long slowMillis) {
        this.slowMillis = slowMillis;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::echo);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    private void echo(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            if (path.endsWith("/slow")) {
                Thread.sleep(slowMillis);
            }
            if (path.endsWith("/broken")) {
                return; // closing the exchange without any answer: the gateway sees a dropped connection
            }
            if (path.equals("/api/scheduler/inbox/stream")) {
                streamFor(exchange, 20_000);
                return;
            }
            FakeCatalog.Answer catalogAnswer = catalog.handle(exchange.getRequestMethod(), path, exchange.getRequestURI().getQuery(),
                    exchange.getRequestHeaders().getFirst("Accept-Language"), body);
            if (catalogAnswer != null) {
                send(exchange, catalogAnswer.status(), catalogAnswer.contentType(), catalogAnswer.body());
                return;
            }
            String data = data(exchange.getRequestMethod(), path, body);
            if (data != null) {
                send(exchange, 200, "application/json", data);
                return;
            }
            String json = "{\"method\":" + quote(exchange.getRequestMethod())
                    + ",\"path\":" + quote(exchange.getRequestURI().toString())
                    + ",\"authorization\":" + quote(exchange.getRequestHeaders().getFirst("Authorization"))
                    + ",\"requestId\":" + quote(exchange.getRequestHeaders().getFirst("X-Request-Id"))
                    + ",\"cookie\":" + quote(exchange.getRequestHeaders().getFirst("Cookie"))
                    + ",\"csrf\":" + quote(exchange.getRequestHeaders().getFirst("X-CSRF-Token"))
                    + ",\"body\":" + quote(body) + "}";
            send(exchange, 200, "application/json", json);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final FakeData fakeData = new FakeData();
    private final FakeCatalog catalog = new FakeCatalog();


    private String data(String method, String path, String body) {
        if (method.equals("GET") && path.equals("/api/scheduler/inbox")) {
            return fakeData.inbox();
        }
        if (method.equals("POST") && path.startsWith("/api/scheduler/inbox/") && path.endsWith("/outcome")) {
            fakeData.recordOutcome(path.split("/")[4], body);
            return null; // and echo what arrived
        }
        if (method.equals("GET") && path.equals("/api/tracking/me/stats")) {
            return FakeData.STATS;
        }
        if (method.equals("GET") && path.equals("/api/scheduler/me/settings")) {
            return FakeData.SETTINGS;
        }
        if (method.equals("GET") && path.equals("/api/catalog/safety")) {
            return FakeData.SAFETY;
        }
        if (method.equals("GET") && path.equals("/api/tracking/dashboards/company")) {
            return FakeData.COMPANY_DASHBOARD;
        }
        if (method.equals("GET") && path.equals("/api/tracking/dashboards/teams")) {
            return FakeData.TEAMS_TABLE;
        }
        if (method.equals("GET") && path.startsWith("/api/tracking/dashboards/teams/")) {
            return FakeData.TEAM_DASHBOARD;
        }
        return null;
    }

    /** An open server-sent event stream that stays silent (no new break) for {@code millis}. */
    private static void streamFor(HttpExchange exchange, long millis) throws IOException, InterruptedException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        exchange.getResponseBody().write(": connected\n\n".getBytes(StandardCharsets.UTF_8));
        exchange.getResponseBody().flush();
        Thread.sleep(millis);
    }

    private static void send(HttpExchange exchange, int status, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
