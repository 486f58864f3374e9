package io.wellness.gateway.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.wellness.infra.quarkus.Tokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The per-user token bucket (test config: burst 30, refill one every 2 s) answers 429 with Retry-After. */
@QuarkusTest
class RateLimitTest {
    @Inject
    UserRateLimitFilter rateLimit;

    @Test
    void aUserOverTheBurstGets429WithRetryAfter() {
        rateLimit.buckets().evictIdle(System.nanoTime(), -1); // other tests (the fuzzer) may have spent steve's tokens
        String token = Tokens.of("steve");
        Response limited = null;
        int passed = 0;
        for (int i = 0; i < 40 && limited == null; i++) {
            Response response = given().auth().oauth2(token).get("/api/catalog/exercises");
            if (response.statusCode() == 429) {
                limited = response;
            } else {
                assertThat(response.statusCode()).isEqualTo(200);
                passed++;
            }
        }
        assertThat(limited).as("a 429 within 40 requests").isNotNull();
        assertThat(passed).isBetween(30, 32);
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 2);
        assertThat(limited.contentType()).isEqualTo("application/problem+json");
        assertThat(limited.jsonPath().getInt("status")).isEqualTo(429);

        // another user is not affected by steve's bucket
        given().auth().oauth2(Tokens.of("sue")).get("/api/catalog/exercises").then().statusCode(200);
    }
}
