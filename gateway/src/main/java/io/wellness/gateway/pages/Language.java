package io.wellness.gateway.pages;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Locale;

/**
 * The page language: an explicit choice ({@code ?lang=de}, remembered in a cookie) wins over the browser's
 * Accept-Language; English when neither names a language the catalog has.
 */
public final class Language {
    static final String COOKIE = "wellness_lang";
    static final List<String> SUPPORTED = List.of("en", "de");

    private Language() {
    }

    public static String choose(RoutingContext rc, String requested, boolean secureCookie) {
        if (requested != null && SUPPORTED.contains(requested)) {
            rc.response().addCookie(Cookie.cookie(COOKIE, requested).setPath("/").setHttpOnly(true)
                    .setSecure(secureCookie).setSameSite(CookieSameSite.LAX).setMaxAge(365L * 24 * 3600));
            return requested;
        }
        Cookie remembered = rc.request().getCookie(COOKIE);
        if (remembered != null && SUPPORTED.contains(remembered.getValue())) {
            return remembered.getValue();
        }
        String header = rc.request().getHeader("Accept-Language");
        if (header != null) {
            try {
                Locale best = Locale.lookup(Locale.LanguageRange.parse(header), SUPPORTED.stream().map(Locale::forLanguageTag).toList());
                if (best != null) {
                    return best.getLanguage();
                }
            } catch (IllegalArgumentException malformedHeader) {
                return "en";
            }
        }
        return "en";
    }
}
