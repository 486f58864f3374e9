package io.wellness.scheduler.delivery.channel;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One call to a chat API. The pool names the connection pool it uses: one keep-alive pool per workspace, so a
 * slow workspace exhausts its own connections only.
 */
public final class ChatRequest {
    private final URI uri;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String method = "GET";
    private String body;
    private String pool;

    ChatRequest(URI uri) {
        this.uri = uri;
        this.pool = uri.getScheme() + "://" + uri.getAuthority();
    }

    public ChatRequest header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public ChatRequest post(String body) {
        this.method = "POST";
        this.body = body;
        return this;
    }

    public ChatRequest get() {
        this.method = "GET";
        this.body = null;
        return this;
    }

    public ChatRequest pool(String pool) {
        this.pool = pool;
        return this;
    }

    URI uri() {
        return uri;
    }

    String method() {
        return method;
    }

    String body() {
        return body;
    }

    Map<String, String> headers() {
        return headers;
    }

    String pool() {
        return pool;
    }
}
