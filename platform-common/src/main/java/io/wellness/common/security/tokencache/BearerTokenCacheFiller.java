package io.wellness.common.security.tokencache;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Hands identities that Quarkus OIDC has just verified for the configured tenant to
 * {@link CachedBearerAuthentication}. Only that tenant's identities qualify: its checks (audience included) are the
 * ones a cached answer stands for; identities of other tenants (e.g. browser sessions) are not bearer calls.
 */
@ApplicationScoped
public class BearerTokenCacheFiller implements SecurityIdentityAugmentor {
    // io.quarkus.oidc.runtime.OidcUtils.TENANT_ID_ATTRIBUTE
    static final String TENANT_ID_ATTRIBUTE = "tenant-id";

    @Inject
    CachedBearerAuthentication cache;
    @Inject
    TokenCacheConfig config;

    @Override
    public int priority() {
        return Integer.MIN_VALUE; // last, so the remembered identity is the final one
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (config.enabled() && !identity.isAnonymous() && config.tenant().equals(identity.getAttribute(TENANT_ID_ATTRIBUTE))) {
            cache.remember(identity);
        }
        return Uni.createFrom().item(identity);
    }
}
