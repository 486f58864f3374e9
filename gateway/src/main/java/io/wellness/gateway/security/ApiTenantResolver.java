package io.wellness.gateway.security;

import io.quarkus.oidc.TenantResolver;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * API calls without a browser session are checked by the bearer-only tenant {@value #API_TENANT}, so that a missing
 * token gets 401 instead of a redirect to the login page. Everything else (pages, and API calls the pages make with
 * the session cookie) uses the default hybrid tenant.
 */
@ApplicationScoped
public class ApiTenantResolver implements TenantResolver {
    // not "api": Quarkus also picks a tenant whose id equals a segment of the request path
    public static final String API_TENANT = "bearer-only";
    // the answer, kept on the request: the token cache and Quarkus OIDC both ask, and the cookies do not change
    private static final String RESOLVED = ApiTenantResolver.class.getName() + ".bearer-only";

    @Override
    public String resolve(RoutingContext rc) {
        return isBearerOnly(rc) ? API_TENANT : null;
    }

    /** Whether this request's token is checked by the bearer-only tenant. */
    static boolean isBearerOnly(RoutingContext rc) {
        Boolean resolved = rc.get(RESOLVED);
        if (resolved == null) {
            resolved = rc.normalizedPath().startsWith("/api/") && !SessionCookies.present(rc.request());
            rc.put(RESOLVED, resolved);
        }
        return resolved;
    }
}
