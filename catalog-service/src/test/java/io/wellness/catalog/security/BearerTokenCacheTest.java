package io.wellness.catalog.security;

import io.quarkus.test.junit.QuarkusTest;
import io.wellness.common.security.tokencache.CachedBearerAuthentication;
import io.wellness.infra.quarkus.ForgedTokens;
import io.wellness.infra.quarkus.Tokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service verifies a bearer token once and then answers it from platform-common's cache of verified tokens
 * (real Keycloak tokens). The cache must not weaken anything: forged and altered tokens are refused, a remembered
 * token stops working at its expiry, and each token keeps its own roles.
 */
@QuarkusTest
class BearerTokenCacheTest {
    private static final String LIST = "/api/catalog/exercises";

    @Inject
    CachedBearerAuthentication cache;

    @Test
    void verifiesATokenOnceForManyRequests() {
        String token = freshToken("dora");
        long before = cache.remembered();
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).get(LIST).then().statusCode(200);
        }
        assertThat(cache.remembered() - before).isEqualTo(1);
    }

    @Test
    void refusesForgedAndAlteredTokensThatShareTheRememberedTokensPrefix() {
        String token = freshToken("diego");
        given().auth().oauth2(token).get(LIST).then().statusCode(200);
        // same header and claims, signature by a foreign key
        given().auth().oauth2(ForgedTokens.resignedWithForeignKey(token)).get(LIST).then().statusCode(401);
        // the genuine token with something appended to its signature
        given().auth().oauth2(token + "AA").get(LIST).then().statusCode(401);
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"diego\"", "\"adam\"");
        String altered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        given().auth().oauth2(altered).get(LIST).then().statusCode(401);
        given().auth().oauth2(token).get(LIST).then().statusCode(200);
    }

    @Test
    void eachRememberedTokenKeepsItsOwnRoles() {
        String employee = freshToken("erin");
        String teamLead = freshToken("tara");
        for (int i = 0; i < 2; i++) { // the first answer verified by OIDC, the second from the cache
            List<String> employeeRoles = given().auth().oauth2(employee).get("/api/catalog/me")
                    .then().statusCode(200).extract().jsonPath().getList("roles", String.class);
            assertThat(employeeRoles).contains("employee").doesNotContain("team-lead", "admin");
            List<String> teamLeadRoles = given().auth().oauth2(teamLead).get("/api/catalog/me")
                    .then().statusCode(200).extract().jsonPath().getList("roles", String.class);
            assertThat(teamLeadRoles).contains("team-lead").doesNotContain("admin");
            // an employee's remembered token still may not change the catalog
            given().auth().oauth2(employee).contentType("application/json").body("{}").post(LIST).then().statusCode(403);
        }
    }

    @Test
    void aRememberedTokenIsRefusedOnceItHasExpired() throws InterruptedException {
        ForgedTokens.expiredFromKeycloak("dora"); // makes sure the realm has the client whose tokens live one second
        for (int attempt = 1; ; attempt++) {
            String token = Tokens.request(Map.of("grant_type", "password", "client_id", "expiry-probe",
                    "username", "dora", "password", "dev-only-dora"));
            long expMillis = ForgedTokens.claims(token).get("exp").asLong() * 1000;
            long before = cache.remembered();
            int first = given().auth().oauth2(token).get(LIST).statusCode();
            if (first != 200 && System.currentTimeMillis() >= expMillis && attempt < 5) {
                continue; // too slow a machine: the one-second token expired before the first call
            }
            assertThat(first).isEqualTo(200);
            assertThat(cache.remembered() - before).isEqualTo(1);
            Thread.sleep(Math.max(0, expMillis - System.currentTimeMillis()) + 200);
            given().auth().oauth2(token).get(LIST).then().statusCode(401);
            return;
        }
    }

    private static String freshToken(String username) {
        // not Tokens.of: that one is shared between tests and may be remembered already
        return Tokens.request(Map.of("grant_type", "password", "client_id", "wellness-cli",
                "username", username, "password", "dev-only-" + username, "scope", "openid"));
    }
}
