package io.wellness.scheduler.delivery.channel;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.wellness.scheduler.delivery.config.DeliveryConfig;
import io.wellness.scheduler.delivery.service.DeliveryPhases;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The HTTP client of all channels: a non-blocking Vert.x web client with one keep-alive connection pool per
 * workspace (see {@link ChatRequest#pool}), and the mapping of transport errors and status codes to retry
 * decisions. The I/O runs on the Vert.x event loop; the calling delivery (a virtual thread) only parks until the
 * answer is there, so a thousand calls a second cost no platform thread each.
 */
@ApplicationScoped
public class ChatHttp {
    /** Retry-After beyond this is treated as this (a broken header must not park a delivery for days). */
    private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(15);

    private final Vertx vertx;
    private final Duration requestTimeout;
    private final int poolSize;
    private final DeliveryPhases phases;
    private final ConcurrentMap<String, WebClient> pools = new ConcurrentHashMap<>();

    public ChatHttp(DeliveryConfig config, Vertx vertx, DeliveryPhases phases) {
        this.vertx = vertx;
        this.phases = phases;
        this.requestTimeout = config.requestTimeout();
        this.poolSize = config.workspaceConcurrency();
    }

    public ChatRequest request(URI uri) {
        return new ChatRequest(uri);
    }

    /** Sends and maps timeouts and I/O errors to retryable failures; the status code is left to the caller. */
    public ChatResponse send(ChatRequest request, String what) throws DeliveryFailure {
        HttpRequest<Buffer> call = client(request.pool())
                .requestAbs(HttpMethod.valueOf(request.method()), request.uri().toString())
                .timeout(requestTimeout.toMillis());
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            call.putHeader(header.getKey(), header.getValue());
        }
        HttpResponse<Buffer> response;
        long started = System.nanoTime();
        try {
            response = (request.body() == null ? call.send() : call.sendBuffer(Buffer.buffer(request.body())))
                    // the request's own timeout fires first; this bounds a lost callback
                    .await().atMost(requestTimeout.plusSeconds(1));
        } catch (io.smallrye.mutiny.TimeoutException e) {
            throw DeliveryFailure.retryable(what + ": timed out");
        } catch (RuntimeException e) {
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof java.util.concurrent.TimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
                throw DeliveryFailure.retryable(what + ": timed out");
            }
            throw DeliveryFailure.retryable(what + ": " + cause.getClass().getSimpleName());
        } finally {
            phases.since(DeliveryPhases.Phase.SEND, started);
        }
        String body = response.bodyAsString();
        return new ChatResponse(response.statusCode(), body == null ? "" : body, response.headers().getDelegate());
    }

    /** Pool names come from configuration (workspaces, configured URLs), so their number is bounded. */
    private WebClient client(String pool) {
        WebClient client = pools.get(pool);
        if (client != null) {
            return client;
        }
        return pools.computeIfAbsent(pool, name -> WebClient.create(vertx, new WebClientOptions()
                .setKeepAlive(true)
                .setMaxPoolSize(poolSize)
                .setConnectTimeout((int) requestTimeout.toMillis())
                .setIdleTimeout(60)
                .setFollowRedirects(false)
                .setUserAgent("wellness-delivery")));
    }

    void close(@Observes ShutdownEvent shutdown) {
        pools.values().forEach(WebClient::close);
        pools.clear();
    }

    /** 2xx passes; 429 and 5xx (and 408) are retryable, 429 with its Retry-After; any other status is permanent. */
    public static void requireSuccess(ChatResponse response, String what) throws DeliveryFailure {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        if (status == 429) {
            throw DeliveryFailure.rateLimited(what + ": HTTP 429", retryAfter(response));
        }
        if (status >= 500 || status == 408) {
            throw DeliveryFailure.retryable(what + ": HTTP " + status);
        }
        throw DeliveryFailure.permanent(what + ": HTTP " + status);
    }

    /** Retry-After in seconds (the form chat APIs use); absent or unreadable means "use the backoff". */
    public static Duration retryAfter(ChatResponse response) {
        return response.header("Retry-After").map(value -> {
            try {
                long seconds = Long.parseLong(value.trim());
                return seconds < 0 ? null : Duration.ofSeconds(Math.min(seconds, MAX_RETRY_AFTER.toSeconds()));
            } catch (NumberFormatException e) {
                return null;
            }
        }).orElse(null);
    }
}
