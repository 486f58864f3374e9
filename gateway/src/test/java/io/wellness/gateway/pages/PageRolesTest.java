package io.wellness.gateway.pages;

import io.quarkus.test.junit.QuarkusTest;
import io.wellness.infra.quarkus.Tokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/** The role pages: the gateway spares people pages they cannot use (the services check the roles again). */
@QuarkusTest
class PageRolesTest {

    @Test
    void hrPageIsForHrOnly() {
        given().auth().oauth2(Tokens.of("harriet")).get("/hr").then().statusCode(200)
                .body(containsString("trend-chart"));
        given().auth().oauth2(Tokens.of("tara")).get("/hr").then().statusCode(403)
                .contentType(containsString("text/html"))
                .body(containsString("Access denied"), not(containsString("trend-chart")));
        given().auth().oauth2(Tokens.of("alice")).get("/hr").then().statusCode(403);
    }

    @Test
    void teamPageIsForTeamLeadsAndShowsTheirTeam() {
        given().auth().oauth2(Tokens.of("tara")).get("/team").then().statusCode(200)
                .body(containsString("data-team=\"engineering\""), not(containsString("data-team=\"sales\"")));
        given().auth().oauth2(Tokens.of("alice")).get("/team").then().statusCode(403);
    }

    @Test
    void adminPageIsForAdminsOnly() {
        given().auth().oauth2(Tokens.of("adam")).get("/admin").then().statusCode(200);
        given().auth().oauth2(Tokens.of("harriet")).get("/admin").then().statusCode(403);
    }

    @Test
    void adminPageEditsExercisesThroughALabelledFormInBothLanguages() {
        String english = given().auth().oauth2(Tokens.of("adam")).get("/admin?lang=en").then().statusCode(200)
                .extract().asString();
        String german = given().auth().oauth2(Tokens.of("adam")).get("/admin?lang=de").then().statusCode(200)
                .extract().asString();
        assertThat(english).contains("Body regions", "Steps (one per line)", "Duration of one break (seconds)",
                "Source article (id)", "Equipment needed", "German text", "Shoulders");
        assertThat(german).contains("Körperregionen", "Schritte (einer pro Zeile)", "Dauer einer Pause (Sekunden)",
                "Quellartikel (Kennung)", "Benötigte Hilfsmittel", "Englischer Text", "Schultern");
        assertThat(english).doesNotContain("exercise-json");
        for (String html : List.of(english, german)) {
            Matcher controls = Pattern.compile("<(input|select|textarea) id=\"(ex-[^\"]+)\"").matcher(html);
            int count = 0;
            while (controls.find()) {
                count++;
                assertThat(html).as("label for " + controls.group(2)).contains("<label for=\"" + controls.group(2) + "\"");
            }
            // every catalog field: id, source, position, setting, kind, intensity, duration, 5 dose ranges x 2, sets,
            // first hold, and per language name, summary, steps, cautions, progression (per side is a wrapped checkbox)
            assertThat(count).isGreaterThanOrEqualTo(8 + 10 + 2 + 10);
            for (String field : List.of("regions", "position", "equipment", "setting", "kind", "intensity", "durationSeconds",
                    "dose", "source", "text.en.name", "text.de.summary", "text.en.steps", "text.de.cautions")) {
                assertThat(html).as(field).contains("data-field=\"" + field + "\"");
            }
        }
    }

    @Test
    void pagesSpeakGermanWhenAskedAndRememberTheChoice() {
        given().auth().oauth2(Tokens.of("bob")).header("Accept-Language", "de-DE,de;q=0.9,en;q=0.5").get("/")
                .then().statusCode(200).body(containsString("<html lang=\"de\">"), containsString("Heutige Pausen"));
        given().auth().oauth2(Tokens.of("bob")).header("Accept-Language", "de").get("/?lang=en")
                .then().statusCode(200).body(containsString("Today&#39;s breaks"))
                .cookie("wellness_lang", "en");
        given().auth().oauth2(Tokens.of("bob")).cookie("wellness_lang", "de").get("/")
                .then().statusCode(200).body(containsString("Heutige Pausen"));
    }

    @Test
    void pagesCarryTheSecurityHeaders() {
        given().auth().oauth2(Tokens.of("bob")).get("/").then().statusCode(200)
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "strict-origin-when-cross-origin")
                .header("Cache-Control", "no-store");
    }
}
