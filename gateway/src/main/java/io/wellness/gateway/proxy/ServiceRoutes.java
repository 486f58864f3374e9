package io.wellness.gateway.proxy;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.HttpProxy;
import io.wellness.gateway.config.GatewayConfig;
import io.wellness.gateway.security.CsrfTokens;
import io.wellness.gateway.security.Identities;
import io.wellness.gateway.web.ProblemWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Routes /api/catalog, /api/scheduler and /api/tracking to their services through the Vert.x reverse proxy, with the
 * caller's access token relayed as {@code Authorization: Bearer}. The session cookie and CSRF token stay at the
 * gateway. Chat callbacks are forwarded without any token: the scheduler verifies their signatures.
 */
@ApplicationScoped
public class ServiceRoutes {
    static final String CHAT_CALLBACKS = "/api/scheduler/chat/";
    private static final String BEARER = "Bearer ";

    void register(@Observes Router router, Vertx vertx, GatewayConfig config) {
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) config.timeouts().connect().toMillis())
                .setKeepAlive(true)
                .setMaxPoolSize(32)
                .setDecompressionSupported(false);
        // One client, and so one connection pool, per event-loop thread: a pooled connection then lives on the event
        // loop that serves the request, and relaying a request never hands work over to another thread (a shared
        // pool does, twice per request: lease and write).
        Map<Thread, HttpClient> clients = new ConcurrentHashMap<>();
        Supplier<HttpClient> client = () -> clients.computeIfAbsent(Thread.currentThread(), t -> vertx.createHttpClient(options));
        StreamedBodyLimit bodyLimit = new StreamedBodyLimit(config.limits());
        route(router, client, config, bodyLimit, "catalog", config.services().catalog());
        route(router, client, config, bodyLimit, "scheduler", config.services().scheduler());
        route(router, client, config, bodyLimit, "tracking", config.services().tracking());
    }

    private void route(Router router, Supplier<HttpClient> client, GatewayConfig config,
                       StreamedBodyLimit bodyLimit, String service, URI target) {
        SocketAddress origin = SocketAddress.inetSocketAddress(port(target), target.getHost());
        ServiceUnavailableAnswer unavailable = new ServiceUnavailableAnswer(service);
        Map<Thread, HttpProxy> proxies = new ConcurrentHashMap<>(); // per event-loop thread, like the clients
        router.route("/api/" + service + "/*").handler(rc -> relay(rc, proxies.computeIfAbsent(Thread.currentThread(),
                t -> HttpProxy.reverseProxy(client.get())
                        .originRequestProvider((request, c) -> c.request(new RequestOptions()
                                .setServer(origin)
                                .setSsl("https".equals(target.getScheme()))
                                .setConnectTimeout(config.timeouts().connect().toMillis())
                                .setIdleTimeout(idleTimeout(request, config))))
                        .addInterceptor(bodyLimit)
                        .addInterceptor(unavailable))));
    }

    /** How long the service may stay silent: long for event streams and bulk uploads, short for the rest. */
    private static long idleTimeout(HttpServerRequest request, GatewayConfig config) {
        GatewayConfig.Timeouts timeouts = config.timeouts();
        if (isEventStream(request.path(), request.getHeader(HttpHeaders.ACCEPT))) {
            return timeouts.stream().toMillis();
        }
        return config.limits().largeBodyRoutes().contains(request.path()) ? timeouts.bulk().toMillis() : timeouts.read().toMillis();
    }

    private static void relay(RoutingContext rc, HttpProxy proxy) {
        MultiMap headers = rc.request().headers();
        headers.remove(HttpHeaders.COOKIE);
        headers.remove(CsrfTokens.HEADER);
        if (rc.normalizedPath().startsWith(CHAT_CALLBACKS)) {
            headers.remove(HttpHeaders.AUTHORIZATION);
        } else {
            SecurityIdentity identity = Identities.of(rc);
            String token = Identities.accessToken(identity);
            if (token == null) {
                ProblemWriter.send(rc, 401, "Unauthorized", "Sign in or send a bearer token.");
                return;
            }
            if (!isBearer(headers.get(HttpHeaders.AUTHORIZATION), token)) { // a bearer call already carries it
                headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
            }
        }
        proxy.handle(rc.request());
    }

    private static boolean isBearer(String authorization, String token) {
        return authorization != null && authorization.length() == BEARER.length() + token.length()
                && authorization.startsWith(BEARER) && authorization.endsWith(token);
    }

    private static boolean isEventStream(String path, String accept) {
        return path.endsWith("/stream") || (accept != null && accept.contains("text/event-stream"));
    }

    private static int port(URI uri) {
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        return "https".equals(uri.getScheme()) ? 443 : 80;
    }
}
