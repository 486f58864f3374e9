package io.wellness.catalog.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.wellness.infra.quarkus.Tokens;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;

/** The catalog serves exactly what the articles say (seed loaded through Flyway into real PostgreSQL). */
@QuarkusTest
class CatalogContentTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void servesAllTwentyOneSeedExercisesInTheListAndById() {
        List<String> seedIds = SeedContent.seedIds();
        assertThat(seedIds).hasSize(21).doesNotHaveDuplicates();
        List<String> listed = given().auth().oauth2(Tokens.of("alice"))
                .queryParam("size", 100).queryParam("includeRetired", true)
                .when().get("/api/catalog/exercises")
                .then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
        assertThat(listed).containsAll(seedIds);
        for (String id : seedIds) {
            given().auth().oauth2(Tokens.of("alice")).when().get("/api/catalog/exercises/" + id)
                    .then().statusCode(200)
                    .body("id", equalTo(id))
                    .body("name", not(emptyOrNullString()))
                    .body("steps.size()", org.hamcrest.Matchers.greaterThan(0))
                    .body("source.id", not(emptyOrNullString()))
                    .body("doseText", not(emptyOrNullString()));
        }
    }

    /** One test per fact in article-facts.json: the served value equals what the article says. */
    @TestFactory
    Stream<DynamicTest> dosesPositionsAndEquipmentMatchTheArticles() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode fact : SeedContent.articleFacts()) {
            String id = fact.path("exerciseId").asText();
            String field = fact.path("field").asText();
            tests.add(DynamicTest.dynamicTest(id + " " + field + " = " + fact.path("expected") + " (\"" + fact.path("articleQuote").asText() + "\")", () -> {
                String body = given().auth().oauth2(Tokens.of("alice")).when().get("/api/catalog/exercises/" + id)
                        .then().statusCode(200).extract().asString();
                JsonNode served = JSON.readTree(body);
                for (String part : field.split("\\.")) {
                    served = served.path(part);
                }
                assertThat(served).as("%s of %s", field, id).isEqualTo(fact.path("expected"));
            }));
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(20);
        return tests.stream();
    }

    @Test
    void dosesReadAsOneLineInBothLanguages() {
        given().auth().oauth2(Tokens.of("alice")).when().get("/api/catalog/exercises/standing-wall-twist")
                .then().statusCode(200).body("doseText", equalTo("Hold 10 s · 2–3 rounds"));
        given().auth().oauth2(Tokens.of("alice")).header("Accept-Language", "de")
                .when().get("/api/catalog/exercises/standing-wall-twist")
                .then().statusCode(200).body("doseText", equalTo("10 s halten · 2–3 Durchgänge"));
        given().auth().oauth2(Tokens.of("alice")).when().get("/api/catalog/exercises/knee-to-chest")
                .then().statusCode(200).body("doseText", equalTo("Hold 20–30 s per side · 2× a day"));
    }

    @Test
    void servesTheGeneralSafetyGuidanceLocalised() {
        given().auth().oauth2(Tokens.of("bob")).when().get("/api/catalog/safety")
                .then().statusCode(200)
                .header("Content-Language", "en")
                .body("guidance.id", hasItems("consult-physician", "stop-on-pain", "herniated-disc", "persistent-pain-weeks"))
                .body("guidance.find { it.id == 'stop-on-pain' }.text", org.hamcrest.Matchers.containsString("stop"))
                .body("sources.size()", equalTo(5));
        given().auth().oauth2(Tokens.of("bob")).header("Accept-Language", "de-DE,de;q=0.9,en;q=0.5")
                .when().get("/api/catalog/safety")
                .then().statusCode(200)
                .header("Content-Language", "de")
                .body("guidance.find { it.id == 'stop-on-pain' }.text", org.hamcrest.Matchers.containsString("Schmerzen"));
    }

    @Test
    void hasAVersionNamingRevisionAndContentDigest() {
        Response response = given().auth().oauth2(Tokens.serviceAccount()).when().get("/api/catalog/version");
        response.then().statusCode(200)
                .body("version", matchesPattern("\\d+-[0-9a-f]{12}"))
                .body("sha256", matchesPattern("[0-9a-f]{64}"));
        assertThat(response.jsonPath().getString("version"))
                .isEqualTo(response.jsonPath().getLong("revision") + "-" + response.jsonPath().getString("sha256").substring(0, 12));
    }
}
