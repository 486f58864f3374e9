package io.wellness.gateway.security;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.wellness.gateway.config.GatewayConfig;
import io.wellness.gateway.web.ProblemWriter;
import io.wellness.gateway.web.TokenBuckets;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Per-user token bucket on /api, keyed by the Keycloak subject, once authentication has named the user. */
@ApplicationScoped
public class UserRateLimitFilter {
    static final int PRIORITY = 80; // after authentication (200) and authorization (100)

    @Inject
    GatewayConfig config;
    @Inject
    Vertx vertx;

    private TokenBuckets perUser;

    @PostConstruct
    void init() {
        perUser = new TokenBuckets(config.rateLimit().perUser().capacity(), config.rateLimit().perUser().refillPerSecond());
        long idle = config.rateLimit().idleEviction().toNanos();
        vertx.setPeriodic(60_000, id -> perUser.evictIdle(System.nanoTime(), idle));
    }

    /** The per-user buckets (tests start from a full bucket whatever earlier tests spent). */
    TokenBuckets buckets() {
        return perUser;
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    void handle(RoutingContext rc) {
        SecurityIdentity identity = Identities.of(rc);
        if (identity == null || !rc.normalizedPath().startsWith("/api/")) {
            rc.next();
            return;
        }
        long retryAfter = perUser.tryTake(identity.getPrincipal().getName(), System.nanoTime());
        if (retryAfter > 0) {
            rc.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
            ProblemWriter.send(rc, 429, "Too Many Requests", "Too many requests for this user; retry after "
                    + retryAfter + " s.");
            return;
        }
        rc.next();
    }
}
