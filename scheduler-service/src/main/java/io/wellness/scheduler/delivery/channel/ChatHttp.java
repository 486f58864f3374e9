package io.wellness.scheduler.delivery.channel;

import io.wellness.scheduler.delivery.config.DeliveryConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The HTTP client of all channels, with the mapping of transport errors and status codes to retry decisions. */
@ApplicationScoped
public class ChatHttp {
    /** Retry-After beyond this is treated as this (a broken header must not park a delivery for days). */
    private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(15);

    private final HttpClient client;
    private final Duration requestTimeout;

    public ChatHttp(DeliveryConfig config) {
        this.requestTimeout = config.requestTimeout();
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    public HttpRequest.Builder request(java.net.URI uri) {
        return HttpRequest.newBuilder(uri);
    }

    /**
     * Sends and maps timeouts and I/O errors to retryable failures; the status code is left to the caller. The
     * timeout is enforced here, not with {@code HttpRequest.timeout}: the client's own timer queue costs more CPU
     * than the request itself at a thousand requests a second.
     */
    public HttpResponse<String> send(HttpRequest request, String what) throws DeliveryFailure {
        CompletableFuture<HttpResponse<String>> response = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        try {
            return response.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            response.cancel(true);
            throw DeliveryFailure.retryable(what + ": timed out");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw DeliveryFailure.retryable(what + ": timed out");
            }
            throw DeliveryFailure.retryable(what + ": " + (cause == null ? "failed" : cause.getClass().getSimpleName()));
        } catch (InterruptedException e) {
            response.cancel(true);
            Thread.currentThread().interrupt();
            throw DeliveryFailure.retryable(what + ": interrupted");
        }
    }

    /** 2xx passes; 429 and 5xx (and 408) are retryable, 429 with its Retry-After; any other status is permanent. */
    public static void requireSuccess(HttpResponse<String> response, String what) throws DeliveryFailure {
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
    public static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(value -> {
            try {
                long seconds = Long.parseLong(value.trim());
                return seconds < 0 ? null : Duration.ofSeconds(Math.min(seconds, MAX_RETRY_AFTER.toSeconds()));
            } catch (NumberFormatException e) {
                return null;
            }
        }).orElse(null);
    }
}
