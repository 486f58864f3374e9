package io.wellness.gateway.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.wellness.gateway.config.GatewayConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;

/** Browser hardening headers on every answer, the services' answers included. */
@ApplicationScoped
public class SecurityHeadersFilter {
    static final int PRIORITY = 990;

    @Inject
    GatewayConfig config;

    // names and values built once as pre-encoded ASCII strings: per answer they are only copied into the response
    private CharSequence[][] headers;

    @PostConstruct
    void init() {
        List<CharSequence[]> all = new ArrayList<>(List.of(
                header("X-Content-Type-Options", "nosniff"),
                header("X-Frame-Options", "DENY"),
                header("Referrer-Policy", "strict-origin-when-cross-origin"),
                header("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
                header("Content-Security-Policy", config.headers().contentSecurityPolicy())));
        if (config.headers().hsts()) {
            all.add(header("Strict-Transport-Security", "max-age=31536000; includeSubDomains"));
        }
        headers = all.toArray(CharSequence[][]::new);
    }

    private static CharSequence[] header(String name, String value) {
        return new CharSequence[] {HttpHeaders.createOptimized(name), HttpHeaders.createOptimized(value)};
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    void handle(RoutingContext rc) {
        rc.addHeadersEndHandler(v -> {
            MultiMap response = rc.response().headers();
            for (CharSequence[] header : headers) {
                response.set(header[0], header[1]);
            }
        });
        rc.next();
    }
}
