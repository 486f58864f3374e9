package io.wellness.catalog.rest;

import io.wellness.catalog.config.CatalogConfig;
import io.wellness.catalog.service.CachedBody;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** 200 with pre-serialised bytes, or 304 when the client's If-None-Match already names the current tag. */
@ApplicationScoped
public class CachedResponses {
    private final String cacheControl;

    @Inject
    public CachedResponses(CatalogConfig config) {
        this.cacheControl = "private, max-age=" + config.cacheMaxAge().toSeconds();
    }

    public Response respond(CachedBody body, String language, String ifNoneMatch) {
        Response.ResponseBuilder response = matches(ifNoneMatch, body.etag())
                ? Response.notModified()
                : Response.ok(body.json(), MediaType.APPLICATION_JSON_TYPE);
        response.header(HttpHeaders.ETAG, body.etag())
                .header(HttpHeaders.CACHE_CONTROL, cacheControl)
                .header(HttpHeaders.VARY, "Accept-Language");
        if (language != null) {
            response.header(HttpHeaders.CONTENT_LANGUAGE, language);
        }
        if (body.link() != null) {
            response.header("Link", body.link()).header("X-Total-Count", body.total());
        }
        return response.build();
    }

    /** Weak comparison (RFC 9110 §13.1.2): "W/" prefixes are ignored; "*" matches any current representation. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isEmpty()) {
            return false;
        }
        if (ifNoneMatch.equals(etag) || ifNoneMatch.trim().equals("*")) {
            return true;
        }
        for (String candidate : ifNoneMatch.split(",", 50)) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
