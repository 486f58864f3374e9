package io.wellness.gateway.pages;

import io.quarkus.test.junit.QuarkusTest;
import io.wellness.infra.quarkus.Tokens;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
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
