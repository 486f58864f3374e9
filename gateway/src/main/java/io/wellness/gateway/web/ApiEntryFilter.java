package io.wellness.gateway.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.wellness.gateway.config.GatewayConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * First checks on /api before authentication costs anything: the per-IP token bucket and the declared body size
 * (Content-Length) against the limit.
 * The request is then paused so that its body waits (instead of being dropped) while authentication runs
 * asynchronously; the proxy resumes it when it streams the body to the service.
 */
@ApplicationScoped
public class ApiEntryFilter {
    static final int PRIORITY = 900; // after the request id, before authentication (200)

    @Inject
    GatewayConfig config;
    @Inject
    Vertx vertx;

    private TokenBuckets perIp;

    @PostConstruct
    void init() {
        perIp = new TokenBuckets(config.rateLimit().perIp().capacity(), config.rateLimit().perIp().refillPerSecond());
        long idle = config.rateLimit().idleEviction().toNanos();
        vertx.setPeriodic(60_000, id -> perIp.evictIdle(System.nanoTime(), idle));
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (!rc.normalizedPath().startsWith("/api/")) {
            rc.next();
            return;
        }
        long retryAfter = perIp.tryTake(request.remoteAddress().hostAddress(), System.nanoTime());
        if (retryAfter > 0) {
            rc.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
            ProblemWriter.send(rc, 429, "Too Many Requests", "Too many requests from this address; retry after "
                    + retryAfter + " s.");
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        long max = config.limits().maxBodyBytesFor(rc.normalizedPath());
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                ProblemWriter.send(rc, 400, "Bad Request", "Content-Length is not a number.");
                return;
            }
            if (declared > max) {
                ProblemWriter.send(rc, 413, "Content Too Large", "Request bodies are limited to " + max + " bytes.");
                return;
            }
        }
        // a chunked body (no Content-Length) is held to the limit while it arrives, by the proxy (StreamedBodyLimit)
        request.pause();
        rc.addEndHandler(v -> request.resume()); // drain whatever an early answer (e.g. 401) left unread
        rc.next();
    }
}
