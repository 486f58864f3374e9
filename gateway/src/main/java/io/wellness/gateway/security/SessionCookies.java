package io.wellness.gateway.security;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;

/** Recognises the OIDC session cookie of the browser login (split into q_session_chunk_N when large). */
public final class SessionCookies {
    static final String PREFIX = "q_session";

    private SessionCookies() {
    }

    public static boolean present(HttpServerRequest request) {
        for (Cookie cookie : request.cookies()) {
            if (cookie.getName().startsWith(PREFIX)) {
                return true;
            }
        }
        return false;
    }
}
