package io.wellness.common.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Holds request bodies to their size limit and answers a refusal as a problem document.
 * <p>
 * The ceiling is {@code quarkus.http.limits.max-body-size}; Quarkus refuses a larger body too, a step later, but with
 * an empty answer. A service whose one bulk route (e.g. a roster import) needs a larger body than the rest sets the
 * ceiling for that route, lists it in {@code wellness.http.body-limit.large-routes}, and holds every other route to
 * {@code wellness.http.body-limit.standard} (a listed route ending in {@code /*} covers every path under it, for a
 * gateway whose proxied routes hold bodies to their own limits). On those other routes a body of unknown size (chunked, no
 * Content-Length) is refused with 411: it could only be measured against the ceiling, which is not their limit.
 */
@ApplicationScoped
public class BodyLimitProblem {
    // io.quarkus.vertx.http.runtime.RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT is -2
    private static final int BEFORE_QUARKUS_UPLOAD_LIMIT = -3;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> ceiling;
    @ConfigProperty(name = "wellness.http.body-limit.standard")
    Optional<MemorySize> standard;
    @ConfigProperty(name = "wellness.http.body-limit.large-routes")
    Optional<List<String>> largeRoutes;

    void register(@Observes Router router) {
        if (ceiling.isEmpty()) {
            return;
        }
        long max = ceiling.get().asLongValue();
        long standardMax = Math.min(max, standard.map(MemorySize::asLongValue).orElse(max));
        List<String> large = largeRoutes.orElse(List.of());
        Set<String> exact = large.stream().filter(route -> !route.endsWith("/*")).collect(Collectors.toUnmodifiableSet());
        List<String> prefixes = large.stream().filter(route -> route.endsWith("/*"))
                .map(route -> route.substring(0, route.length() - 1)).toList();
        router.route().order(BEFORE_QUARKUS_UPLOAD_LIMIT).handler(rc -> {
            String path = rc.normalizedPath();
            boolean isLarge = exact.contains(path) || prefixes.stream().anyMatch(path::startsWith);
            check(rc, isLarge ? max : standardMax, max);
        });
    }

    private static void check(RoutingContext rc, long limit, long ceiling) {
        String declared = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && exceeds(declared, limit)) {
            refuse(rc, 413, "Content Too Large", "request bodies are limited to " + limit + " bytes");
            return;
        }
        if (declared == null && limit < ceiling && rc.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            refuse(rc, 411, "Length Required", "send the body with a Content-Length (at most " + limit + " bytes)");
            return;
        }
        rc.next();
    }

    private static void refuse(RoutingContext rc, int status, String title, String detail) {
        rc.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                        + ",\"detail\":\"" + detail + "\"}");
    }

    private static boolean exceeds(String declared, long max) {
        try {
            return Long.parseLong(declared.trim()) > max;
        } catch (NumberFormatException malformed) {
            return false;
        }
    }
}
