package io.wellness.gateway.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Hands identities that the bearer-only OIDC tenant has just verified to {@link CachedBearerAuthentication}. Only
 * that tenant's identities qualify: its checks (audience included) are the ones a cached answer stands for, and
 * browser sessions (the default tenant) are not bearer calls.
 */
@ApplicationScoped
public class BearerTokenCacheFiller implements SecurityIdentityAugmentor {
    // io.quarkus.oidc.runtime.OidcUtils.TENANT_ID_ATTRIBUTE
    static final String TENANT_ID_ATTRIBUTE = "tenant-id";

    @Inject
    CachedBearerAuthentication cache;

    @Override
    public int priority() {
        return Integer.MIN_VALUE; // last, so the remembered identity is the final one
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!identity.isAnonymous() && ApiTenantResolver.API_TENANT.equals(identity.getAttribute(TENANT_ID_ATTRIBUTE))) {
            cache.remember(identity);
        }
        return Uni.createFrom().item(identity);
    }
}
