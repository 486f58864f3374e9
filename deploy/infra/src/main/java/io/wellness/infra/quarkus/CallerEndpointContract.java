package io.wellness.infra.quarkus;

import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * What every service's {@code GET /api/<service>/me} must do with real Keycloak tokens: accept a genuine one, refuse
 * a forged, an expired or a missing one; and its readiness must check its database and Kafka without a token.
 * A service's test extends this as a {@code @QuarkusTest} and names its path.
 */
public abstract class CallerEndpointContract {

    protected abstract String mePath();

    @Test
    void answersTheCallerFromARealKeycloakToken() {
        given().auth().oauth2(Tokens.of("tara"))
                .when().get(mePath())
                .then().statusCode(200)
                .body("username", equalTo("tara"))
                .body("roles", hasItem("team-lead"))
                .body("teams", containsInAnyOrder("engineering"));
    }

    @Test
    void refusesAMissingToken() {
        given().when().get(mePath()).then().statusCode(401);
    }

    @Test
    void refusesATokenSignedByAnotherKey() {
        given().auth().oauth2(ForgedTokens.resignedWithForeignKey(Tokens.of("alice")))
                .when().get(mePath()).then().statusCode(401);
    }

    @Test
    void refusesAnExpiredToken() {
        given().auth().oauth2(ForgedTokens.expiredFromKeycloak("alice"))
                .when().get(mePath()).then().statusCode(401);
    }

    @Test
    void healthChecksTheDatabaseAndKafkaWithoutAToken() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("Database connections health check"))
                .body("checks.name", hasItem("Kafka connection health check"));
    }
}
