package io.wellness.gateway.security;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

import java.security.SecureRandom;
import java.util.Base64;

/** Issues the CSRF token the pages send back in {@link #HEADER}; one per browser, kept in a cookie. */
public final class CsrfTokens {
    public static final String COOKIE = "wellness_csrf";
    public static final String HEADER = "X-CSRF-Token";
    private static final SecureRandom RANDOM = new SecureRandom();

    private CsrfTokens() {
    }

    /** The browser's token, created (and set as a cookie) on its first page. */
    public static String ensure(RoutingContext rc, boolean secureCookie) {
        Cookie existing = rc.request().getCookie(COOKIE);
        if (existing != null && existing.getValue().length() >= 32) {
            return existing.getValue();
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        rc.response().addCookie(Cookie.cookie(COOKIE, token).setPath("/").setHttpOnly(true)
                .setSecure(secureCookie).setSameSite(CookieSameSite.STRICT));
        return token;
    }
}
