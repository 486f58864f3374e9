package io.wellness.gateway.security;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.wellness.gateway.web.ProblemWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * Double-submit CSRF check for requests that ride on the browser session cookie: a state-changing request must
 * repeat the value of the {@link CsrfTokens#COOKIE} cookie in the {@link CsrfTokens#HEADER} header. Another site can
 * make the browser send the cookie but can neither read it nor set the header. Requests carrying a bearer token (and
 * requests without a session) have no ambient credential to abuse and are exempt.
 */
@ApplicationScoped
public class CsrfFilter {
    static final int PRIORITY = 90; // after authorization, before the per-user bucket
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (SAFE.contains(request.method()) || request.getHeader(HttpHeaders.AUTHORIZATION) != null
                || !SessionCookies.present(request)) {
            rc.next();
            return;
        }
        Cookie cookie = request.getCookie(CsrfTokens.COOKIE);
        String header = request.getHeader(CsrfTokens.HEADER);
        if (cookie == null || header == null || !MessageDigest.isEqual(
                cookie.getValue().getBytes(StandardCharsets.UTF_8), header.getBytes(StandardCharsets.UTF_8))) {
            ProblemWriter.send(rc, 403, "Forbidden", "Missing or wrong " + CsrfTokens.HEADER + " header for a request made with the session cookie.");
            return;
        }
        rc.next();
    }
}
