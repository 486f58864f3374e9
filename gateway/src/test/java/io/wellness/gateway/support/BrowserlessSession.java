package io.wellness.gateway.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A plain HTTP client with a cookie jar that walks the browser login by hand: no redirect is followed
 * automatically, so a test can look at every hop (gateway → Keycloak login form → gateway callback → page).
 * Every server here is on localhost, so one jar serves both (cookies do not depend on the port).
 */
public final class BrowserlessSession {
    private static final Pattern SET_COOKIE = Pattern.compile("^([^=;]+)=([^;]*)(.*)$");
    private static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"",
            Pattern.CASE_INSENSITIVE);
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> cookies = new LinkedHashMap<>();

    public HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (String header : response.headers().allValues("Set-Cookie")) {
                Matcher m = SET_COOKIE.matcher(header);
                if (m.matches()) {
                    String attributes = m.group(3).toLowerCase();
                    if (m.group(2).isEmpty() || attributes.contains("max-age=0") || attributes.contains("expires=thu, 01 jan 1970")) {
                        cookies.remove(m.group(1).trim());
                    } else {
                        cookies.put(m.group(1).trim(), m.group(2));
                    }
                }
            }
            return response;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> postForm(String url, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The action URL of Keycloak's username/password form in a login page. */
    public static String loginFormAction(String html) {
        Matcher m = LOGIN_FORM.matcher(html);
        if (!m.find()) {
            throw new AssertionError("no Keycloak login form in: " + html.substring(0, Math.min(500, html.length())));
        }
        return m.group(1).replace("&amp;", "&");
    }

    public static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElseThrow(() -> new AssertionError(
                "expected a redirect, got " + response.statusCode()));
    }

    public Map<String, String> cookies() {
        return cookies;
    }

    public boolean hasCookieStartingWith(String prefix) {
        return cookies.keySet().stream().anyMatch(name -> name.startsWith(prefix));
    }
}
