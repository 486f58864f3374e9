package io.wellness.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/** Everything the gateway needs to know about its downstream services and its own limits. */
@ConfigMapping(prefix = "wellness.gateway")
public interface GatewayConfig {

    Services services();

    Timeouts timeouts();

    RateLimit rateLimit();

    Limits limits();

    Headers headers();

    interface Services {
        @WithDefault("http://localhost:8081")
        URI catalog();

        @WithDefault("http://localhost:8082")
        URI scheduler();

        @WithDefault("http://localhost:8083")
        URI tracking();
    }

    interface Timeouts {
        /** Connecting to a service. */
        @WithDefault("2S")
        Duration connect();

        /** Longest silence while waiting for a service's answer; beyond it the caller gets 504. */
        @WithDefault("10S")
        Duration read();

        /** Longest silence on a server-sent event stream before the browser reconnects. */
        @WithDefault("5M")
        Duration stream();

        /** Longest silence while a bulk upload (a large-body route, e.g. a roster import) is being processed. */
        @WithDefault("2M")
        Duration bulk();
    }

    interface RateLimit {
        /** Token bucket per authenticated user (Keycloak subject). */
        Bucket perUser();

        /** Token bucket per client IP, applied before authentication. */
        Bucket perIp();

        /** Buckets idle longer than this are forgotten, bounding memory. */
        @WithDefault("10M")
        Duration idleEviction();
    }

    interface Bucket {
        /** Burst size. */
        long capacity();

        /** Tokens added per second. */
        double refillPerSecond();
    }

    interface Limits {
        /** Largest request body accepted on /api (bytes); larger ones get 413 before reaching a service. */
        @WithDefault("262144")
        long maxBodyBytes();

        /** Paths that take bulk uploads (a whole company's roster CSV) and so {@link #largeMaxBodyBytes()}. */
        @WithDefault("/api/scheduler/roster/import")
        List<String> largeBodyRoutes();

        /** Largest body on {@link #largeBodyRoutes()}; the service behind holds it to the same limit. */
        @WithDefault("16777216")
        long largeMaxBodyBytes();

        default long maxBodyBytesFor(String path) {
            return largeBodyRoutes().contains(path) ? largeMaxBodyBytes() : maxBodyBytes();
        }
    }

    interface Headers {
        /** Strict-Transport-Security is sent only where the gateway is reached over TLS (not in dev/test on http). */
        @WithDefault("true")
        boolean hsts();

        String contentSecurityPolicy();
    }
}
