package io.wellness.gateway.security;

import io.quarkus.test.junit.QuarkusTest;
import io.wellness.common.security.tokencache.CachedBearerAuthentication;
import io.wellness.infra.quarkus.ForgedTokens;
import io.wellness.infra.quarkus.Tokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bearer tokens are verified once and then answered from the cache of verified tokens, which must not weaken
 * anything: forged and altered tokens are still refused, and a remembered token stops working at its expiry.
 */
@QuarkusTest
class BearerTokenCacheTest {
    @Inject
    CachedBearerAuthentication cache;

    @Test
    void verifiesATokenOnceForManyRequests() {
        String token = freshToken("dora");
        long before = cache.remembered();
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).get("/api/catalog/exercises")
                    .then().statusCode(200).body("authorization", org.hamcrest.Matchers.equalTo("Bearer " + token));
        }
        assertThat(cache.remembered() - before).isEqualTo(1);
    }

    @Test
    void refusesForgedAndAlteredTokensWhileTheGenuineOneIsRemembered() {
        String token = freshToken("diego");
        given().auth().oauth2(token).get("/api/catalog/exercises").then().statusCode(200);
        given().auth().oauth2(ForgedTokens.resignedWithForeignKey(token)).get("/api/catalog/exercises").then().statusCode(401);
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"diego\"", "\"harriet\"");
        String altered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        given().auth().oauth2(altered).get("/api/catalog/exercises").then().statusCode(401);
        given().auth().oauth2(token).get("/api/catalog/exercises").then().statusCode(200);
    }

    @Test
    void aRememberedTokenIsRefusedOnceItHasExpired() throws InterruptedException {
        ForgedTokens.expiredFromKeycloak("dora"); // makes sure the realm has the client whose tokens live one second
        for (int attempt = 1; ; attempt++) {
            String token = Tokens.request(Map.of("grant_type", "password", "client_id", "expiry-probe",
                    "username", "dora", "password", "dev-only-dora"));
            long expMillis = ForgedTokens.claims(token).get("exp").asLong() * 1000;
            int first = given().auth().oauth2(token).get("/api/catalog/exercises").statusCode();
            if (first != 200 && System.currentTimeMillis() >= expMillis && attempt < 5) {
                continue; // too slow a machine: the one-second token expired before the first call
            }
            assertThat(first).isEqualTo(200);
            Thread.sleep(Math.max(0, expMillis - System.currentTimeMillis()) + 200);
            given().auth().oauth2(token).get("/api/catalog/exercises").then().statusCode(401);
            return;
        }
    }

    private static String freshToken(String username) {
        // not Tokens.of: that one is shared between tests and may be remembered already
        return Tokens.request(Map.of("grant_type", "password", "client_id", "wellness-cli",
                "username", username, "password", "dev-only-" + username, "scope", "openid"));
    }
}
