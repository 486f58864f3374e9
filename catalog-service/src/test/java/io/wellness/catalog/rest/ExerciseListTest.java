package io.wellness.catalog.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.wellness.infra.quarkus.Tokens;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** Filters, ordering, pagination, languages and HTTP caching of the list and get endpoints. */
@QuarkusTest
class ExerciseListTest {

    private static JsonPath list(Map<String, ?> query) {
        return given().auth().oauth2(Tokens.of("alice")).queryParams(query).queryParam("size", 100)
                .when().get("/api/catalog/exercises")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void filtersByPositionRegionKindSettingAndDuration() {
        JsonPath lying = list(Map.of("position", "lying"));
        assertThat(lying.getList("items.id", String.class))
                .contains("foam-roll-thoracic-extension", "knee-to-chest", "lying-knee-rotation")
                .doesNotContain("shoulder-rolls", "t-spine-rotation");
        assertThat(lying.getList("items.position", String.class)).containsOnly("lying");

        JsonPath neck = list(Map.of("region", "neck"));
        assertThat(neck.getList("items.id", String.class)).contains("shoulder-squeeze", "shoulder-shrug");
        neck.getList("items.regions", List.class).forEach(regions -> assertThat(regions).contains("neck"));

        JsonPath strengthening = list(Map.of("kind", "strengthening"));
        assertThat(strengthening.getList("items.id", String.class)).contains("sport-cord-rows", "shoulder-blade-squeeze");
        assertThat(strengthening.getList("items.kind", String.class)).containsOnly("strengthening");

        JsonPath atHome = list(Map.of("setting", "at-home"));
        assertThat(atHome.getList("items.id", String.class)).contains("knee-to-chest").doesNotContain("shoulder-rolls");

        JsonPath short20 = list(Map.of("maxDuration", "20"));
        assertThat(short20.getList("items.durationSeconds", Integer.class)).isNotEmpty().allMatch(d -> d <= 20);
        assertThat(short20.getList("items.id", String.class)).contains("shoulder-squeeze").doesNotContain("knee-to-chest");
    }

    @Test
    void repeatedAndCommaSeparatedValuesMatchAnyOfThem() {
        JsonPath both = given().auth().oauth2(Tokens.of("alice"))
                .queryParam("position", "lying").queryParam("position", "all-fours").queryParam("size", 100)
                .when().get("/api/catalog/exercises").then().statusCode(200).extract().jsonPath();
        assertThat(both.getList("items.position", String.class)).containsOnly("lying", "all-fours").contains("all-fours", "lying");
        assertThat(list(Map.of("position", "lying,all-fours")).getList("items.id"))
                .isEqualTo(both.getList("items.id"));
    }

    @Test
    void equipmentIsWhatTheEmployeeHas() {
        JsonPath nothing = list(Map.of("equipment", "none"));
        assertThat(nothing.getList("items.id", String.class))
                .contains("standing-back-arch", "knee-to-chest", "t-spine-rotation")
                .doesNotContain("shoulder-rolls", "sport-cord-rows", "standing-wall-twist");
        nothing.getList("items.equipment", List.class).forEach(equipment -> assertThat(equipment).isEmpty());

        JsonPath chairOnly = list(Map.of("equipment", "chair"));
        assertThat(chairOnly.getList("items.id", String.class))
                .contains("shoulder-rolls", "standing-back-arch", "standing-twist")
                .doesNotContain("standing-wall-twist", "sport-cord-rows", "foam-roll-thoracic-extension");

        assertThat(list(Map.of("equipment", "chair,wall")).getList("items.id", String.class)).contains("standing-wall-twist");
    }

    @Test
    void searchesFreeTextInTheChosenLanguage() {
        JsonPath english = list(Map.of("q", "Foam Roller"));
        assertThat(english.getList("items.id", String.class)).contains("foam-roll-thoracic-extension").doesNotContain("shoulder-rolls");
        JsonPath german = given().auth().oauth2(Tokens.of("alice")).header("Accept-Language", "de")
                .queryParam("q", "schulter").queryParam("size", 100)
                .when().get("/api/catalog/exercises").then().statusCode(200).extract().jsonPath();
        assertThat(german.getList("items.id", String.class)).contains("shoulder-rolls", "shoulder-shrug");
        assertThat(list(Map.of("q", "schulter")).getInt("total")).isLessThan(german.getInt("total"));
    }

    @Test
    void pagesAreStableAndLinked() {
        List<String> all = list(Map.of()).getList("items.id", String.class);
        assertThat(all).isSorted();
        List<String> paged = new ArrayList<>();
        int pages = 0;
        for (int page = 0; ; page++) {
            var response = given().auth().oauth2(Tokens.of("alice")).queryParam("size", 5).queryParam("page", page)
                    .when().get("/api/catalog/exercises").then().statusCode(200)
                    .header("Link", containsString("rel=\"first\""))
                    .header("X-Total-Count", String.valueOf(all.size()))
                    .body("total", equalTo(all.size())).body("size", equalTo(5)).body("page", equalTo(page))
                    .body("items.size()", lessThanOrEqualTo(5))
                    .extract();
            List<String> ids = response.jsonPath().getList("items.id", String.class);
            if (ids.isEmpty()) {
                break;
            }
            paged.addAll(ids);
            pages++;
            if (page == 0) {
                assertThat(response.header("Link")).contains("</api/catalog/exercises?size=5&page=1>; rel=\"next\"")
                        .doesNotContain("rel=\"prev\"");
            }
        }
        assertThat(paged).isEqualTo(all);
        assertThat(pages).isEqualTo((all.size() + 4) / 5);
    }

    @Test
    void rejectsEveryInvalidFilterAtOnce() {
        given().auth().oauth2(Tokens.of("alice"))
                .queryParam("region", "knees").queryParam("position", "upside-down").queryParam("size", 101)
                .queryParam("page", "x").queryParam("maxDuration", 0)
                .when().get("/api/catalog/exercises")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("region", "position", "size", "page", "maxDuration"))
                .body("errors.size()", equalTo(5));
    }

    @Test
    void speaksGermanWhenAskedAndEnglishOtherwise() {
        given().auth().oauth2(Tokens.of("alice")).header("Accept-Language", "de-CH, en;q=0.5")
                .when().get("/api/catalog/exercises/standing-wall-twist")
                .then().statusCode(200)
                .header("Content-Language", "de").header("Vary", containsString("Accept-Language"))
                .body("language", equalTo("de"))
                .body("name", equalTo("Drehdehnung an der Wand im Stehen"));
        given().auth().oauth2(Tokens.of("alice")).header("Accept-Language", "fr-FR, it;q=0.8")
                .when().get("/api/catalog/exercises/standing-wall-twist")
                .then().statusCode(200)
                .header("Content-Language", "en")
                .body("name", equalTo("Standing wall twist"));
        given().auth().oauth2(Tokens.of("alice")).header("Accept-Language", "en;q=0.9, de;q=0.4")
                .when().get("/api/catalog/exercises")
                .then().statusCode(200).header("Content-Language", "en").body("language", equalTo("en"));
    }

    @Test
    void answers304WhenTheClientHasTheCurrentVersion() {
        var first = given().auth().oauth2(Tokens.of("alice")).queryParam("region", "shoulders")
                .when().get("/api/catalog/exercises")
                .then().statusCode(200).header("ETag", notNullValue())
                .header("Cache-Control", containsString("private")).header("Cache-Control", containsString("max-age="))
                .extract();
        String etag = first.header("ETag");
        given().auth().oauth2(Tokens.of("alice")).queryParam("region", "shoulders").header("If-None-Match", etag)
                .when().get("/api/catalog/exercises")
                .then().statusCode(304).header("ETag", equalTo(etag));
        // another language is another representation
        given().auth().oauth2(Tokens.of("alice")).queryParam("region", "shoulders").header("If-None-Match", etag)
                .header("Accept-Language", "de")
                .when().get("/api/catalog/exercises")
                .then().statusCode(200).header("ETag", not(equalTo(etag)));

        String one = given().auth().oauth2(Tokens.of("alice")).when().get("/api/catalog/exercises/shoulder-rolls")
                .then().statusCode(200).extract().header("ETag");
        given().auth().oauth2(Tokens.of("alice")).header("If-None-Match", "\"stale\", " + one)
                .when().get("/api/catalog/exercises/shoulder-rolls").then().statusCode(304);
        given().auth().oauth2(Tokens.of("alice")).header("If-None-Match", "\"stale\"")
                .when().get("/api/catalog/exercises/shoulder-rolls").then().statusCode(200);
    }

    @Test
    void unknownIdIsAProblem404() {
        given().auth().oauth2(Tokens.of("alice")).when().get("/api/catalog/exercises/no-such-exercise")
                .then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("detail", containsString("no-such-exercise"));
    }

    @Test
    void readingNeedsATokenWithACatalogRole() {
        given().when().get("/api/catalog/exercises").then().statusCode(401);
        given().when().get("/api/catalog/safety").then().statusCode(401);
        for (String user : List.of("alice", "tara", "harriet", "adam")) {
            given().auth().oauth2(Tokens.of(user)).when().get("/api/catalog/exercises").then().statusCode(200);
        }
        given().auth().oauth2(Tokens.serviceAccount()).when().get("/api/catalog/exercises").then().statusCode(200)
                .body("items.id", hasItem("shoulder-rolls"))
                .body("items.retired", everyItem(equalTo(false)));
    }
}
