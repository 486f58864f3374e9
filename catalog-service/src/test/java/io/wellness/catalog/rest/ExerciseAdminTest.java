package io.wellness.catalog.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.wellness.infra.quarkus.Tokens;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

/**
 * Admin changes with real Keycloak tokens. The exercises created here need a desk, which no other test offers, so
 * they never disturb the other tests' plans.
 */
@QuarkusTest
class ExerciseAdminTest {

    static Map<String, Object> exercise(String id, int durationSeconds) {
        Map<String, Object> text = Map.of(
                "en", Map.of("name", "Desk push", "summary", "Push gently against the desk edge.",
                        "steps", List.of("Stand at your desk.", "Push your palms against the edge for 5 seconds.", "Relax."),
                        "progression", "Start gently.", "cautions", List.of("Stop if it hurts.")),
                "de", Map.of("name", "Tischdrücken", "summary", "Drücken Sie sanft gegen die Tischkante.",
                        "steps", List.of("Stellen Sie sich an den Tisch.", "Drücken Sie die Handflächen 5 Sekunden gegen die Kante.", "Entspannen Sie."),
                        "cautions", List.of("Bei Schmerzen abbrechen.")));
        Map<String, Object> body = new HashMap<>();
        body.put("id", id);
        body.put("source", "desk-stretches-back-pain");
        body.put("regions", List.of("neck", "shoulders"));
        body.put("position", "standing");
        body.put("equipment", List.of("desk"));
        body.put("setting", "at-desk");
        body.put("kind", "strengthening");
        body.put("intensity", "light");
        body.put("durationSeconds", durationSeconds);
        body.put("dose", Map.of("holdSeconds", Map.of("min", 5, "max", 5), "reps", Map.of("min", 3, "max", 3), "perSide", false));
        body.put("progression", Map.of("firstTimeHoldSeconds", 3));
        body.put("text", text);
        return body;
    }

    private static String version() {
        return given().auth().oauth2(Tokens.of("alice")).when().get("/api/catalog/version")
                .then().statusCode(200).extract().path("version");
    }

    @Test
    void employeeMayNotCreateAdminMayAndTheVersionChanges() {
        given().contentType(ContentType.JSON).body(exercise("desk-push-anonymous", 30))
                .when().post("/api/catalog/exercises").then().statusCode(401);
        given().auth().oauth2(Tokens.of("alice")).contentType(ContentType.JSON).body(exercise("desk-push-alice", 30))
                .when().post("/api/catalog/exercises").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Tokens.serviceAccount()).contentType(ContentType.JSON).body(exercise("desk-push-service", 30))
                .when().post("/api/catalog/exercises").then().statusCode(403);

        String before = version();
        given().auth().oauth2(Tokens.of("adam")).contentType(ContentType.JSON).body(exercise("desk-push", 30))
                .header("Accept-Language", "de")
                .when().post("/api/catalog/exercises")
                .then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/catalog/exercises/desk-push"))
                .body("name", equalTo("Tischdrücken"))
                .body("doseText", equalTo("3 Wiederholungen, jeweils 5 s halten"));
        assertThat(version()).isNotEqualTo(before);
        given().auth().oauth2(Tokens.of("alice")).when().get("/api/catalog/exercises/desk-push")
                .then().statusCode(200).body("name", equalTo("Desk push")).body("equipment", equalTo(List.of("desk")));
        given().auth().oauth2(Tokens.of("alice")).when().get("/api/catalog/exercises/desk-push-alice").then().statusCode(404);
    }

    @Test
    void duplicateIdIsAConflict() {
        given().auth().oauth2(Tokens.of("adam")).contentType(ContentType.JSON).body(exercise("shoulder-rolls", 30))
                .when().post("/api/catalog/exercises")
                .then().statusCode(409).contentType("application/problem+json").body("status", equalTo(409));
    }

    @Test
    void listsEveryInvalidFieldAtOnce() {
        Map<String, Object> body = exercise("Not A Slug!", 3);
        body.put("regions", List.of("knees"));
        body.put("position", "upside-down");
        body.put("equipment", List.of("sofa"));
        body.put("setting", null);
        body.put("kind", "yoga");
        body.put("source", "no-such-article");
        body.put("dose", Map.of("holdSeconds", Map.of("min", 10, "max", 5), "perSide", false));
        Map<String, Object> english = new HashMap<>(Map.of("name", "", "summary", "x", "steps", List.of(), "cautions", List.of()));
        body.put("text", Map.of("en", english));
        given().auth().oauth2(Tokens.of("adam")).contentType(ContentType.JSON).body(body)
                .when().post("/api/catalog/exercises")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("id", "regions[0]", "position", "equipment[0]", "setting", "kind",
                        "durationSeconds", "source", "dose.holdSeconds.ordered", "text.en.name", "text.en.steps", "text.de"));
    }

    @Test
    void updateReplacesAndHonoursIfMatch() {
        given().auth().oauth2(Tokens.of("adam")).contentType(ContentType.JSON).body(exercise("desk-press", 30))
                .when().post("/api/catalog/exercises").then().statusCode(201);
        String etag = given().auth().oauth2(Tokens.of("alice")).when().get("/api/catalog/exercises/desk-press")
                .then().statusCode(200).extract().header("ETag");

        Map<String, Object> changed = exercise("desk-press", 50);
        given().auth().oauth2(Tokens.of("adam")).contentType(ContentType.JSON).body(changed).header("If-Match", etag)
                .when().put("/api/catalog/exercises/desk-press")
                .then().statusCode(200).body("durationSeconds", equalTo(50)).header("ETag", not(equalTo(etag)));
        // the same (now stale) tag again: someone else's change would be overwritten
        given().auth().oauth2(Tokens.of("adam")).contentType(ContentType.JSON).body(exercise("desk-press", 40)).header("If-Match", etag)
                .when().put("/api/catalog/exercises/desk-press")
                .then().statusCode(412).contentType("application/problem+json");
        given().auth().oauth2(Tokens.of("adam")).contentType(ContentType.JSON).body(exercise("other-id", 40))
                .when().put("/api/catalog/exercises/desk-press")
                .then().statusCode(400).body("errors.field", equalTo(List.of("id")));
        given().auth().oauth2(Tokens.of("adam")).contentType(ContentType.JSON).body(exercise(null, 40))
                .when().put("/api/catalog/exercises/no-such-exercise")
                .then().statusCode(404);
        given().auth().oauth2(Tokens.of("alice")).contentType(ContentType.JSON).body(exercise(null, 40))
                .when().put("/api/catalog/exercises/desk-press")
                .then().statusCode(403);
        given().auth().oauth2(Tokens.of("alice")).when().get("/api/catalog/exercises/desk-press")
                .then().statusCode(200).body("durationSeconds", equalTo(50));
    }

    @Test
    void retiredExercisesStayReadableButAreNeverPlanned() {
        given().auth().oauth2(Tokens.of("adam")).contentType(ContentType.JSON).body(exercise("desk-lean", 60))
                .when().post("/api/catalog/exercises").then().statusCode(201);
        // standing with only a desk, exactly 60 s: only desk-lean lasts that long
        Map<String, Object> plan = Map.of("position", "standing", "equipment", List.of("desk"), "minSeconds", 60,
                "maxSeconds", 60, "seed", 1);
        given().auth().oauth2(Tokens.serviceAccount()).contentType(ContentType.JSON).body(plan)
                .when().post("/api/catalog/plans")
                .then().statusCode(200).body("exercises.id", equalTo(List.of("desk-lean")));

        given().auth().oauth2(Tokens.of("alice")).when().post("/api/catalog/exercises/desk-lean/retire").then().statusCode(403);
        given().auth().oauth2(Tokens.of("adam")).when().post("/api/catalog/exercises/desk-lean/retire")
                .then().statusCode(200).body("retired", equalTo(true));

        given().auth().oauth2(Tokens.serviceAccount()).contentType(ContentType.JSON).body(plan)
                .when().post("/api/catalog/plans")
                .then().statusCode(422);
        given().auth().oauth2(Tokens.of("alice")).when().get("/api/catalog/exercises/desk-lean")
                .then().statusCode(200).body("retired", equalTo(true));
        given().auth().oauth2(Tokens.of("alice")).queryParam("equipment", "desk").queryParam("position", "standing")
                .queryParam("size", 100).when().get("/api/catalog/exercises")
                .then().statusCode(200).body("items.id", not(hasItems("desk-lean")));
        given().auth().oauth2(Tokens.of("alice")).queryParam("includeRetired", "true").queryParam("q", "desk push")
                .queryParam("size", 100).when().get("/api/catalog/exercises")
                .then().statusCode(200).body("items.findAll { it.id == 'desk-lean' }.retired", containsInAnyOrder(true));
        given().auth().oauth2(Tokens.of("adam")).when().post("/api/catalog/exercises/no-such-exercise/retire").then().statusCode(404);

        // a retirement by mistake is undone: planned again
        given().auth().oauth2(Tokens.of("alice")).when().post("/api/catalog/exercises/desk-lean/reinstate").then().statusCode(403);
        given().auth().oauth2(Tokens.of("adam")).when().post("/api/catalog/exercises/desk-lean/reinstate")
                .then().statusCode(200).body("retired", equalTo(false));
        given().auth().oauth2(Tokens.serviceAccount()).contentType(ContentType.JSON).body(plan)
                .when().post("/api/catalog/plans")
                .then().statusCode(200).body("exercises.id", equalTo(List.of("desk-lean")));
        given().auth().oauth2(Tokens.of("adam")).when().post("/api/catalog/exercises/no-such-exercise/reinstate").then().statusCode(404);
    }
}
