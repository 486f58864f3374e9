package io.wellness.common.security;

import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The authenticated caller as every service sees it: Keycloak user id ({@code sub}), username, realm roles and the
 * teams of its {@code groups} claim ({@code /teams/<name>}).
 */
public record Caller(String id, String username, Set<String> roles, Set<String> teams) {
    public static final String TEAM_GROUP_PREFIX = "/teams/";

    public static Caller of(SecurityIdentity identity) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            throw new io.quarkus.security.UnauthorizedException();
        }
        Set<String> teams = new TreeSet<>();
        Object groups = jwt.getClaim("groups");
        if (groups instanceof Collection<?> values) {
            for (Object value : values) {
                String group = value.toString().replace("\"", "");
                if (group.startsWith(TEAM_GROUP_PREFIX)) {
                    teams.add(group.substring(TEAM_GROUP_PREFIX.length()));
                }
            }
        }
        String username = jwt.getClaim("preferred_username");
        return new Caller(jwt.getSubject(), username, new TreeSet<>(identity.getRoles()), teams);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
