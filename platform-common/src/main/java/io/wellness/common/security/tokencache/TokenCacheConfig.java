package io.wellness.common.security.tokencache;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * The cache of bearer tokens that Quarkus OIDC has already verified ({@link CachedBearerAuthentication}). Every
 * property has a default, so a service that sets nothing gets the cache.
 */
@ConfigMapping(prefix = "wellness.security.token-cache")
public interface TokenCacheConfig {
    /** Off: every request's token is verified by Quarkus OIDC, as without the cache. */
    @WithDefault("true")
    boolean enabled();

    /** Tokens remembered at most; beyond it new tokens are verified on every request until entries expire. */
    @WithDefault("10000")
    int maxEntries();

    /**
     * How long a verified token is answered from the cache; well under the access tokens' lifetime (Keycloak: 5
     * minutes), and never beyond the token's own {@code exp}.
     */
    @WithDefault("30S")
    Duration timeToLive();

    /**
     * The OIDC tenant whose bearer-token identities are remembered and answered; the tenant of a request is the one
     * the application's {@code TenantResolver} names, else the default tenant.
     */
    @WithDefault("Default")
    String tenant();
}
