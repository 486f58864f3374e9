package io.wellness.common.security.tokencache;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TenantResolver;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.security.Permission;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Answers a request from {@link VerifiedBearerTokens} when its bearer token was verified by Quarkus OIDC a moment
 * ago, so that signature and claims are checked once per token instead of once per request. Runs before Quarkus
 * OIDC; on a miss it steps aside and OIDC verifies the token as always ({@link BearerTokenCacheFiller} then
 * remembers the result). It never fails a request itself and never sends a challenge. Only requests of the
 * configured tenant ({@link TokenCacheConfig#tenant()}) are answered, and only identities that tenant verified from a
 * JWT bearer token are remembered.
 */
@ApplicationScoped
public class CachedBearerAuthentication implements HttpAuthenticationMechanism {
    // Quarkus OIDC's mechanism has priority 1001; higher runs first
    static final int PRIORITY = 1100;
    // io.quarkus.oidc.runtime.OidcUtils.DEFAULT_TENANT_ID
    static final String DEFAULT_TENANT = "Default";
    private static final String BEARER = "Bearer ";
    // attributes that belong to the request that verified the token, replaced by the current request's
    private static final Set<String> PER_REQUEST_ATTRIBUTES = Set.of(RoutingContext.class.getName(),
            AuthenticationRequestContext.class.getName(), HttpSecurityUtils.ROUTING_CONTEXT_ATTRIBUTE);

    @Inject
    TokenCacheConfig config;
    @Inject
    Vertx vertx;
    @Inject
    Instance<TenantResolver> tenantResolver;

    VerifiedBearerTokens tokens;
    private long sweepTimer = -1;
    private final AtomicLong remembered = new AtomicLong();

    @PostConstruct
    void init() {
        tokens = new VerifiedBearerTokens(config.enabled() ? config.maxEntries() : 0, config.timeToLive().toMillis());
        if (config.enabled() && config.maxEntries() > 0) {
            long sweep = Math.max(1000, config.timeToLive().toMillis());
            sweepTimer = vertx.setPeriodic(sweep, id -> tokens.evictExpired(System.currentTimeMillis()));
        }
    }

    @PreDestroy
    void stop() {
        if (sweepTimer >= 0) {
            vertx.cancelTimer(sweepTimer);
        }
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext rc, IdentityProviderManager identityProviderManager) {
        String token = bearerToken(rc);
        SecurityIdentity verified = token == null || !ofCachedTenant(rc) ? null : tokens.find(token, System.currentTimeMillis());
        if (verified == null) {
            return Uni.createFrom().nullItem();
        }
        QuarkusSecurityIdentity.Builder forThisRequest = QuarkusSecurityIdentity.builder(verified)
                .addAttribute(RoutingContext.class.getName(), rc);
        Object blockingApi = rc.get(AuthenticationRequestContext.class.getName());
        if (blockingApi != null) {
            forThisRequest.addAttribute(AuthenticationRequestContext.class.getName(), blockingApi);
        }
        return Uni.createFrom().item(forThisRequest.build());
    }

    /** Whether this request is authenticated by the tenant whose identities the cache holds. */
    private boolean ofCachedTenant(RoutingContext rc) {
        String tenant = tenantResolver.isResolvable() ? tenantResolver.get().resolve(rc) : null;
        return config.tenant().equals(tenant == null ? DEFAULT_TENANT : tenant);
    }

    /** Called once the configured tenant has verified a token (signature, issuer, audience, expiry). */
    void remember(SecurityIdentity identity) {
        AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
        // the principal must be the access token itself: in a code flow it is the ID token, and that is no bearer call
        if (credential == null || credential.isOpaque() || !(identity.getPrincipal() instanceof JsonWebToken jwt)
                || !credential.getToken().equals(jwt.getRawToken())) {
            return;
        }
        if (tokens.remember(credential.getToken(), withoutRequest(identity), jwt.getExpirationTime(), System.currentTimeMillis())) {
            remembered.incrementAndGet();
        }
    }

    /** How many verified tokens were remembered since start: one per token verified by Quarkus OIDC. */
    public long remembered() {
        return remembered.get();
    }

    private static SecurityIdentity withoutRequest(SecurityIdentity identity) {
        Map<String, Object> attributes = new HashMap<>(identity.getAttributes());
        attributes.keySet().removeAll(PER_REQUEST_ATTRIBUTES);
        attributes.values().removeIf(value -> value instanceof RoutingContext);
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addRoles(identity.getRoles())
                .addCredentials(identity.getCredentials())
                .addAttributes(attributes)
                .setAnonymous(false);
        if (identity instanceof QuarkusSecurityIdentity quarkus) {
            Set<Permission> permissions = quarkus.getPermissions();
            builder.addPermissions(permissions);
        }
        return builder.build();
    }

    private static String bearerToken(RoutingContext rc) {
        String authorization = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return authorization.substring(BEARER.length()).trim();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem(); // Quarkus OIDC answers 401 with its own challenge
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }
}
