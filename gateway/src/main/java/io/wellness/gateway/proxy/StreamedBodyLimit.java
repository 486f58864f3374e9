package io.wellness.gateway.proxy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.streams.ReadStream;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import io.wellness.common.problem.Problem;
import io.wellness.gateway.config.GatewayConfig;
import io.wellness.gateway.web.ProblemWriter;

/**
 * Holds bodies of unknown size (HTTP/1.1 {@code Transfer-Encoding: chunked}, or HTTP/2 frames without a
 * Content-Length, as Java's HTTP client sends after an h2c upgrade) to
 * the body size limit while they arrive: the chunks are collected at the gateway, and the moment the limit is
 * crossed the caller gets 413 and nothing reaches the service. A body within the limit is passed on with its
 * Content-Length. Memory per request stays below the limit. Bodies with a Content-Length were checked already
 * (ApiEntryFilter) and stream straight through.
 */
final class StreamedBodyLimit implements ProxyInterceptor {
    private final GatewayConfig.Limits limits;

    StreamedBodyLimit(GatewayConfig.Limits limits) {
        this.limits = limits;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        ProxyRequest request = context.request();
        if (request.getBody() == null || request.getBody().length() >= 0
                || (request.headers().get(HttpHeaders.TRANSFER_ENCODING) == null
                    && request.proxiedRequest().version() != HttpVersion.HTTP_2)) {
            return context.sendRequest();
        }
        long maxBytes = limits.maxBodyBytesFor(request.proxiedRequest().path());
        return collect(request.getBody().stream(), maxBytes).compose(body -> {
            if (body == null) {
                return Future.succeededFuture(tooLarge(request, maxBytes));
            }
            request.headers().remove(HttpHeaders.TRANSFER_ENCODING);
            request.setBody(Body.body(body));
            return context.sendRequest();
        });
    }

    /** The whole body, or null as soon as it grows beyond the limit (the rest is read and dropped). */
    private static Future<Buffer> collect(ReadStream<Buffer> stream, long maxBytes) {
        Promise<Buffer> done = Promise.promise();
        Buffer body = Buffer.buffer();
        stream.exceptionHandler(done::tryFail);
        stream.handler(chunk -> {
            if (done.future().isComplete()) {
                return; // over the limit already: drained, not kept
            }
            if (body.length() + (long) chunk.length() > maxBytes) {
                done.tryComplete(null);
                return;
            }
            body.appendBuffer(chunk);
        });
        stream.endHandler(v -> done.tryComplete(body));
        stream.resume();
        return done.future();
    }

    private static ProxyResponse tooLarge(ProxyRequest request, long maxBytes) {
        String path = request.proxiedRequest().path();
        ProxyResponse response = request.response().setStatusCode(413).setStatusMessage(null);
        response.headers().clear();
        response.putHeader(HttpHeaders.CONTENT_TYPE.toString(), Problem.MEDIA_TYPE);
        // the rest of the body is not wanted: the connection is not reused
        response.putHeader(HttpHeaders.CONNECTION.toString(), "close");
        response.setBody(Body.body(Buffer.buffer(ProblemWriter.json(413, "Content Too Large",
                "Request bodies are limited to " + maxBytes + " bytes.", path))));
        return response;
    }
}
