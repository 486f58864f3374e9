package io.wellness.scheduler.delivery.fake;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A local HTTP server on a free port that plays the chat APIs (Slack, Bot Framework, Mattermost, webhooks): it
 * records every request and answers with scripted responses (status, headers, body, delay) or a default per path.
 * <p>
 * Runs on a Vert.x instance of its own with one event loop, apart from the service's: the benchmark measures the
 * service in the same JVM, and a fake that costs little CPU and answers at once (no hand-over to another thread per
 * request, as the JDK's HttpServer does) keeps the harness out of the figures. A delayed reply waits on a timer.
 */
public final class FakeChatServer {

    public record Recorded(String method, String path, Map<String, List<String>> headers, String body, long receivedNanos) {
        public String header(String name) {
            for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                    return entry.getValue().get(0);
                }
            }
            return null;
        }
    }

    public record Reply(int status, Map<String, String> headers, String body, Duration delay) {
        public static Reply json(int status, String body) {
            return new Reply(status, Map.of("Content-Type", "application/json; charset=utf-8"), body, Duration.ZERO);
        }

        public Reply after(Duration delay) {
            return new Reply(status, headers, body, delay);
        }

        public Reply withHeader(String name, String value) {
            Map<String, String> all = new java.util.HashMap<>(headers);
            all.put(name, value);
            return new Reply(status, all, body, delay);
        }
    }

    private final Vertx vertx;
    private final HttpServer server;
    /** Lock-free: a copy-on-write list would copy every recorded request on each new one (the benchmark sends 10,000s). */
    private final java.util.Queue<Recorded> requests = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private record Script(String pathPrefix, String bodyContains, Deque<Reply> replies) {
    }

    private final List<Script> scripted = new CopyOnWriteArrayList<>();
    private final Map<String, Function<Recorded, Reply>> defaults = new ConcurrentHashMap<>();
    private volatile boolean recording = true;

    public FakeChatServer() throws IOException {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        try {
            server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0).setAcceptBacklog(512))
                    .requestHandler(this::handle)
                    .listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            vertx.close();
            throw new IOException("interrupted while starting the fake chat server", e);
        } catch (ExecutionException | TimeoutException e) {
            vertx.close();
            throw new IOException("the fake chat server did not start", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** The answer of a path prefix when nothing is scripted. */
    public void defaultReply(String pathPrefix, Function<Recorded, Reply> reply) {
        defaults.put(pathPrefix, reply);
    }

    /** One-off answers, in order, for the next requests to a path prefix whose body contains a marker. */
    public void script(String pathPrefix, String bodyContains, Reply... replies) {
        scripted.add(new Script(pathPrefix, bodyContains, new ConcurrentLinkedDeque<>(List.of(replies))));
    }

    public void clearScripts() {
        scripted.clear();
    }

    /** The benchmark turns keeping request bodies off so memory stays flat; timestamps are kept. */
    public void recordBodies(boolean recording) {
        this.recording = recording;
    }

    public List<Recorded> requests(Predicate<Recorded> filter) {
        List<Recorded> matching = new ArrayList<>();
        for (Recorded request : requests) {
            if (filter.test(request)) {
                matching.add(request);
            }
        }
        return matching;
    }

    public void forgetRequests() {
        requests.clear();
    }

    public void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(buffer -> answer(request, buffer)).onFailure(failure -> request.connection().close());
    }

    private void answer(HttpServerRequest request, Buffer buffer) {
        String body = buffer.toString(StandardCharsets.UTF_8);
        String path = request.path();
        Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, String> header : request.headers()) {
            headers.computeIfAbsent(header.getKey(), name -> new ArrayList<>()).add(header.getValue());
        }
        Recorded recorded = new Recorded(request.method().name(), path, Map.copyOf(headers), body, System.nanoTime());
        // the answer judges the whole request; without bodies only the marker and the time are kept, so the
        // benchmark's own memory does not add garbage-collection work to the service it measures
        requests.add(recording ? recorded : new Recorded(recorded.method(), path, Map.of(), extractMarker(body),
                recorded.receivedNanos()));
        Reply reply = replyFor(path, recorded);
        if (reply.delay().isZero()) {
            send(request, reply);
        } else {
            vertx.setTimer(Math.max(1, reply.delay().toMillis()), timer -> send(request, reply));
        }
    }

    private static void send(HttpServerRequest request, Reply reply) {
        if (request.response().closed()) {
            return; // the client gave up (a timeout test)
        }
        request.response().setStatusCode(reply.status());
        reply.headers().forEach((name, value) -> request.response().putHeader(name, value));
        request.response().end(reply.body());
    }

    /** Without bodies the benchmark still needs the channel (user id) to match requests to events. */
    private static String extractMarker(String body) {
        int at = body.indexOf("\"channel\":\"");
        if (at < 0) {
            return "";
        }
        int start = at + "\"channel\":\"".length();
        return body.substring(start, body.indexOf('"', start));
    }

    private Reply replyFor(String path, Recorded recorded) {
        for (Script script : scripted) {
            if (path.startsWith(script.pathPrefix()) && recorded.body().contains(script.bodyContains())) {
                Reply next = script.replies().pollFirst();
                if (next != null) {
                    return next;
                }
            }
        }
        String best = null;
        for (String prefix : defaults.keySet()) {
            if (path.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null ? Reply.json(404, "{\"error\":\"no such fake endpoint\"}") : defaults.get(best).apply(recorded);
    }
}
