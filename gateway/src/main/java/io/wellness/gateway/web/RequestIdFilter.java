package io.wellness.gateway.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Gives every request a correlation id before anything else runs: a sane incoming {@code X-Request-Id} is kept,
 * otherwise a new one is made. It is put on the request (so the proxy passes it to the services and the access log
 * prints it) and echoed in the response.
 */
@ApplicationScoped
public class RequestIdFilter {
    public static final String CONTEXT_KEY = "wellness.request-id";
    static final int PRIORITY = 1000; // before every other filter, authentication included

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    void handle(RoutingContext rc) {
        String id = RequestIds.acceptOrCreate(rc.request().getHeader(RequestIds.HEADER));
        rc.request().headers().set(RequestIds.HEADER, id);
        rc.put(CONTEXT_KEY, id);
        rc.response().putHeader(RequestIds.HEADER, id);
        rc.next();
    }
}
