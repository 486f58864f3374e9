package io.wellness.common.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * A request declaring a body larger than {@code quarkus.http.limits.max-body-size} is refused with 413 as a problem
 * document. Quarkus refuses it too, a step later, but with an empty body; this route runs just before that one.
 */
@ApplicationScoped
public class BodyLimitProblem {
    // io.quarkus.vertx.http.runtime.RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT is -2
    private static final int BEFORE_QUARKUS_UPLOAD_LIMIT = -3;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> maxBodySize;

    void register(@Observes Router router) {
        if (maxBodySize.isEmpty()) {
            return;
        }
        long max = maxBodySize.get().asLongValue();
        router.route().order(BEFORE_QUARKUS_UPLOAD_LIMIT).handler(rc -> {
            String declared = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (declared != null && exceeds(declared, max)) {
                rc.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end("{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413,"
                                + "\"detail\":\"request bodies are limited to " + max + " bytes\"}");
                return;
            }
            rc.next();
        });
    }

    private static boolean exceeds(String declared, long max) {
        try {
            return Long.parseLong(declared.trim()) > max;
        } catch (NumberFormatException malformed) {
            return false;
        }
    }
}
