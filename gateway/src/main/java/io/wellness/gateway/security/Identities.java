package io.wellness.gateway.security;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;

/** The caller as established by the authentication filter for this routing context. */
public final class Identities {
    private Identities() {
    }

    /** The authenticated identity, or null for anonymous requests. */
    public static SecurityIdentity of(RoutingContext rc) {
        if (rc.user() instanceof QuarkusHttpUser user && !user.getSecurityIdentity().isAnonymous()) {
            return user.getSecurityIdentity();
        }
        return null;
    }

    /**
     * The access token to relay: the bearer token an API client sent, or the access token held in the browser
     * session (code flow). Null when there is none.
     */
    public static String accessToken(SecurityIdentity identity) {
        if (identity == null) {
            return null;
        }
        AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
        return credential == null ? null : credential.getToken();
    }
}
