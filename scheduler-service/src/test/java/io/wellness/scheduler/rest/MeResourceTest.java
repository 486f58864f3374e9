package io.wellness.scheduler.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.wellness.infra.quarkus.ForgedTokens;
import io.wellness.infra.quarkus.Tokens;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Real Keycloak tokens: accepted when genuine, refused when forged, expired or missing. */
@QuarkusTest
class MeResourceTest {

    @Test
    void answersTheCallerFromARealKeycloakToken() {
        given().auth().oauth2(Tokens.of("tara"))
                .when().get("/api/scheduler/me")
                .then().statusCode(200)
                .body("username", equalTo("tara"))
                .body("roles", hasItem("team-lead"))
                .body("teams", containsInAnyOrder("engineering"));
    }

    @Test
    void refusesAMissingToken() {
        given().when().get("/api/scheduler/me").then().statusCode(401);
    }

    @Test
    void refusesATokenSignedByAnotherKey() {
        given().auth().oauth2(ForgedTokens.resignedWithForeignKey(Tokens.of("alice")))
                .when().get("/api/scheduler/me").then().statusCode(401);
    }

    @Test
    void refusesAnExpiredToken() {
        given().auth().oauth2(ForgedTokens.expiredFromKeycloak("alice"))
                .when().get("/api/scheduler/me").then().statusCode(401);
    }

    @Test
    void healthChecksTheDatabaseAndKafkaWithoutAToken() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("Database connections health check"))
                .body("checks.name", hasItem("Kafka connection health check"));
    }
}
