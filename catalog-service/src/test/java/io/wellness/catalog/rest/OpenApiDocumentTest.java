package io.wellness.catalog.rest;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;

/** Every catalog endpoint is in the OpenAPI document, with examples. */
@QuarkusTest
class OpenApiDocumentTest {

    @Test
    void documentsEveryEndpointWithExamples() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/api/catalog/exercises'.get.responses.'200'.content.'application/json'.examples.page", notNullValue())
                .body("paths.'/api/catalog/exercises'.post.requestBody.content.'application/json'.examples.new", notNullValue())
                .body("paths.'/api/catalog/exercises'.post.responses.'400'.content.'application/problem+json'.examples.invalid", notNullValue())
                .body("paths.'/api/catalog/exercises/{id}'.get.responses.'404'", notNullValue())
                .body("paths.'/api/catalog/exercises/{id}'.put.responses.'412'", notNullValue())
                .body("paths.'/api/catalog/exercises/{id}/retire'.post", notNullValue())
                .body("paths.'/api/catalog/safety'.get.responses.'200'.content.'application/json'.examples.safety", notNullValue())
                .body("paths.'/api/catalog/version'.get", notNullValue())
                .body("paths.'/api/catalog/plans'.post.requestBody.content.'application/json'.examples.seated", notNullValue())
                .body("paths.'/api/catalog/plans'.post.responses.'422'.content.'application/problem+json'.examples.'nothing fits'", notNullValue())
                .body("paths.'/api/catalog/plans'.post.description", containsString("same seed"));
    }
}
