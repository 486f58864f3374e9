package io.wellness.gateway.web;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.wellness.common.problem.Problem;

/** Answers from the gateway itself (not from a service) as RFC 9457 problem details. */
public final class ProblemWriter {
    private ProblemWriter() {
    }

    public static String json(int status, String title, String detail, String instance) {
        JsonObject body = new JsonObject().put("type", "about:blank").put("title", title).put("status", status)
                .put("detail", detail);
        if (instance != null) {
            body.put("instance", instance);
        }
        return body.encode();
    }

    public static void send(RoutingContext rc, int status, String title, String detail) {
        if (rc.response().ended()) {
            return;
        }
        rc.response().setStatusCode(status)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(json(status, title, detail, rc.request().path()));
    }
}
