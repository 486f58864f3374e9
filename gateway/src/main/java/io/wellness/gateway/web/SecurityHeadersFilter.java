package io.wellness.gateway.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.wellness.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Browser hardening headers on every answer, the services' answers included. */
@ApplicationScoped
public class SecurityHeadersFilter {
    static final int PRIORITY = 990;

    @Inject
    GatewayConfig config;

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    void handle(RoutingContext rc) {
        String csp = config.headers().contentSecurityPolicy();
        boolean hsts = config.headers().hsts();
        rc.addHeadersEndHandler(v -> {
            HttpServerResponse response = rc.response();
            response.headers().set("X-Content-Type-Options", "nosniff");
            response.headers().set("X-Frame-Options", "DENY");
            response.headers().set("Referrer-Policy", "strict-origin-when-cross-origin");
            response.headers().set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
            response.headers().set("Content-Security-Policy", csp);
            if (hsts) {
                response.headers().set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
            }
        });
        rc.next();
    }
}
