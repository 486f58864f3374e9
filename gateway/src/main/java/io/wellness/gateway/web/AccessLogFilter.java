package io.wellness.gateway.web;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import io.wellness.gateway.security.Identities;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * One line per answered request: caller address, request line, status, bytes sent, duration, user id (Keycloak
 * {@code sub}) and request id. Written by the logging's asynchronous console handler (JSON in production), so the
 * event loop only builds the line. Built directly from the request instead of interpreting Quarkus's access-log
 * pattern for every request (a gateway's access log is on its hottest path).
 */
@ApplicationScoped
public class AccessLogFilter {
    static final int PRIORITY = 1010; // first of all, so that the duration covers every other filter
    private static final Logger LOG = Logger.getLogger("io.wellness.gateway.access-log");

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    void handle(RoutingContext rc) {
        if (LOG.isInfoEnabled()) {
            long start = System.nanoTime();
            rc.addEndHandler(v -> LOG.info(line(rc, System.nanoTime() - start)));
        }
        rc.next();
    }

    static String line(RoutingContext rc, long nanos) {
        HttpServerRequest request = rc.request();
        HttpServerResponse response = rc.response();
        SocketAddress remote = request.remoteAddress();
        SecurityIdentity identity = Identities.of(rc);
        String requestId = rc.get(RequestIdFilter.CONTEXT_KEY);
        long bytes = response.bytesWritten();
        long micros = nanos / 1000;
        StringBuilder line = new StringBuilder(160)
                .append(remote == null ? "-" : remote.hostAddress())
                .append(" \"").append(request.method().name()).append(' ').append(request.uri()).append(' ')
                .append(version(request)).append("\" ")
                .append(response.getStatusCode()).append(' ')
                .append(bytes == 0 ? "-" : Long.toString(bytes)).append(' ')
                .append(micros / 1000).append('.').append((char) ('0' + (micros / 100) % 10))
                .append((char) ('0' + (micros / 10) % 10)).append((char) ('0' + micros % 10)).append(" ms")
                .append(" user=").append(identity == null ? "-" : identity.getPrincipal().getName())
                .append(" request-id=").append(requestId == null ? "-" : requestId);
        return line.toString();
    }

    private static String version(HttpServerRequest request) {
        return switch (request.version()) {
            case HTTP_1_0 -> "HTTP/1.0";
            case HTTP_1_1 -> "HTTP/1.1";
            case HTTP_2 -> "HTTP/2";
        };
    }
}
