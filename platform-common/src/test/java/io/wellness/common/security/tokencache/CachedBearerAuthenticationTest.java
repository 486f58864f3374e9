package io.wellness.common.security.tokencache;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Which verified identities the cache takes: bearer access tokens of the configured tenant, nothing else. */
class CachedBearerAuthenticationTest {
    private static final long EXP = System.currentTimeMillis() / 1000 + 300;
    private static final String ACCESS_TOKEN = jwt("{\"sub\":\"alice\",\"exp\":" + EXP + "}");
    private static final String ID_TOKEN = jwt("{\"sub\":\"alice\",\"exp\":" + EXP + ",\"typ\":\"ID\"}");

    @Test
    void remembersABearerIdentityOfTheConfiguredTenantWithItsRolesAndWithoutTheRequest() {
        CachedBearerAuthentication cache = cache(config(true, "Default"));
        Object request = new Object();
        SecurityIdentity verified = identity(ACCESS_TOKEN, ACCESS_TOKEN, "Default")
                .addAttribute("io.vertx.ext.web.RoutingContext", request).build();

        filler(cache).augment(verified, null).await().indefinitely();

        assertThat(cache.remembered()).isEqualTo(1);
        SecurityIdentity cached = cache.tokens.find(ACCESS_TOKEN, System.currentTimeMillis());
        assertThat(cached.getRoles()).containsExactlyInAnyOrder("employee", "hr");
        assertThat(cached.getPrincipal().getName()).isEqualTo("alice");
        assertThat(cached.getAttributes()).doesNotContainKey("io.vertx.ext.web.RoutingContext").containsEntry("tenant-id", "Default");
        assertThat(cache.tokens.find(ACCESS_TOKEN + "x", System.currentTimeMillis())).isNull();
    }

    @Test
    void ignoresOtherTenantsCodeFlowIdentitiesAndOpaqueTokens() {
        CachedBearerAuthentication cache = cache(config(true, "bearer-only"));
        BearerTokenCacheFiller filler = filler(cache);

        filler.augment(identity(ACCESS_TOKEN, ACCESS_TOKEN, "Default").build(), null).await().indefinitely();
        // a browser session: the principal is the ID token, the access token rides along
        filler.augment(identity(ID_TOKEN, ACCESS_TOKEN, "bearer-only")
                .addCredential(new IdTokenCredential(ID_TOKEN)).build(), null).await().indefinitely();
        filler.augment(identity(ACCESS_TOKEN, "opaque-token", "bearer-only").build(), null).await().indefinitely();

        assertThat(cache.remembered()).isZero();
        assertThat(cache.tokens.size()).isZero();
    }

    @Test
    void rememberNothingWhenDisabled() {
        CachedBearerAuthentication cache = cache(config(false, "Default"));
        filler(cache).augment(identity(ACCESS_TOKEN, ACCESS_TOKEN, "Default").build(), null).await().indefinitely();
        assertThat(cache.remembered()).isZero();
        assertThat(cache.tokens.find(ACCESS_TOKEN, System.currentTimeMillis())).isNull();
    }

    private static QuarkusSecurityIdentity.Builder identity(String principalToken, String accessToken, String tenant) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(principal(principalToken))
                .addRoles(Set.of("employee", "hr"))
                .addCredential(new AccessTokenCredential(accessToken))
                .addAttribute("tenant-id", tenant);
    }

    private static JsonWebToken principal(String raw) {
        Map<String, Object> claims = Map.of("sub", "alice", "exp", EXP, "raw_token", raw);
        return new JsonWebToken() {
            @Override
            public String getName() {
                return "alice";
            }

            @Override
            public Set<String> getClaimNames() {
                return claims.keySet();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String name) {
                return (T) claims.get(name);
            }
        };
    }

    private static String jwt(String claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    private static CachedBearerAuthentication cache(TokenCacheConfig config) {
        CachedBearerAuthentication cache = new CachedBearerAuthentication();
        cache.config = config;
        cache.tokens = new VerifiedBearerTokens(config.enabled() ? config.maxEntries() : 0, config.timeToLive().toMillis());
        return cache;
    }

    private static BearerTokenCacheFiller filler(CachedBearerAuthentication cache) {
        BearerTokenCacheFiller filler = new BearerTokenCacheFiller();
        filler.cache = cache;
        filler.config = cache.config;
        return filler;
    }

    private static TokenCacheConfig config(boolean enabled, String tenant) {
        return new TokenCacheConfig() {
            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public int maxEntries() {
                return 100;
            }

            @Override
            public Duration timeToLive() {
                return Duration.ofSeconds(30);
            }

            @Override
            public String tenant() {
                return tenant;
            }
        };
    }
}
