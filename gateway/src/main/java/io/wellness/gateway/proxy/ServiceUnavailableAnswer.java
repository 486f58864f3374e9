package io.wellness.gateway.proxy;

import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import io.wellness.common.problem.Problem;
import io.wellness.gateway.web.ProblemWriter;
import io.wellness.gateway.web.RequestIds;

/** Turns a service that cannot be reached (502) or does not answer in time (504) into problem details. */
final class ServiceUnavailableAnswer implements ProxyInterceptor {
    private final String service;

    ServiceUnavailableAnswer(String service) {
        this.service = service;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        return context.sendRequest().recover(failure -> {
            boolean timedOut = isTimeout(failure);
            int status = timedOut ? 504 : 502;
            String path = context.request().proxiedRequest().path();
            Log.warnf("%s %s: %s unavailable (%s) request-id=%s", context.request().getMethod(), path, service,
                    failure.toString(), context.request().headers().get(RequestIds.HEADER));
            String body = ProblemWriter.json(status, timedOut ? "Gateway Timeout" : "Bad Gateway",
                    timedOut ? "The " + service + " service did not answer in time."
                            : "The " + service + " service is not reachable.", path);
            ProxyResponse response = context.request().response().setStatusCode(status).setStatusMessage(null);
            response.headers().clear();
            response.putHeader("Content-Type", Problem.MEDIA_TYPE);
            response.setBody(Body.body(Buffer.buffer(body)));
            return Future.succeededFuture(response);
        });
    }

    private static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }
}
