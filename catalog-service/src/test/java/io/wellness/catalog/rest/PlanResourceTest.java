package io.wellness.catalog.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.wellness.infra.quarkus.Tokens;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;

/** POST /api/catalog/plans as the scheduler calls it (service account) and as employees call it. */
@QuarkusTest
class PlanResourceTest {

    private static Map<String, Object> request(String position, List<String> equipment, int min, int max, long seed) {
        Map<String, Object> body = new HashMap<>();
        body.put("position", position);
        body.put("equipment", equipment);
        body.put("minSeconds", min);
        body.put("maxSeconds", max);
        body.put("seed", seed);
        return body;
    }

    private static JsonPath plan(Map<String, Object> body) {
        return given().auth().oauth2(Tokens.serviceAccount()).contentType(ContentType.JSON).body(body)
                .when().post("/api/catalog/plans")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void planFitsTheBudgetWithOneToThreeDistinctExercisesOfVariedRegions() {
        for (long seed = 1; seed <= 25; seed++) {
            JsonPath plan = plan(request("seated", List.of("chair"), 60, 120, seed));
            List<String> ids = plan.getList("exercises.id", String.class);
            List<Integer> durations = plan.getList("exercises.durationSeconds", Integer.class);
            assertThat(ids).hasSizeBetween(1, 3).doesNotHaveDuplicates();
            int total = durations.stream().mapToInt(Integer::intValue).sum();
            assertThat(plan.getInt("totalDurationSeconds")).isEqualTo(total).isBetween(60, 120);
            assertThat(plan.getLong("seed")).isEqualTo(seed);
            List<List<String>> regions = plan.getList("exercises.regions");
            Set<String> mainRegions = new HashSet<>();
            regions.forEach(r -> mainRegions.add(r.getFirst()));
            assertThat(mainRegions).as("main regions of %s", ids).hasSize(ids.size());
            for (String id : ids) {
                var exercise = given().auth().oauth2(Tokens.of("alice")).when().get("/api/catalog/exercises/" + id)
                        .then().statusCode(200).extract().jsonPath();
                assertThat(exercise.getString("position")).isEqualTo("seated");
                assertThat(exercise.getList("equipment", String.class)).isSubsetOf("chair");
            }
        }
    }

    @Test
    void sameSeedGivesTheSamePlanAndSeedsVaryThePlans() {
        Map<String, Object> body = request(null, List.of("chair", "wall"), 60, 120, 7);
        JsonPath first = plan(body);
        JsonPath second = plan(body);
        assertThat(second.getList("exercises.id")).isEqualTo(first.getList("exercises.id"));
        assertThat(first.getString("catalogVersion")).matches("\\d+-[0-9a-f]{12}");
        Set<List<Object>> distinctPlans = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            distinctPlans.add(plan(request(null, List.of("chair", "wall"), 60, 120, seed)).getList("exercises.id"));
        }
        assertThat(distinctPlans).hasSizeGreaterThan(5);
    }

    @Test
    void neverPlansAvoidedExercisesAndRecentOnesOnlyWhenNothingElseFits() {
        // lying without equipment: knee-to-chest (100 s) and lying-knee-rotation (31 s)
        Map<String, Object> body = request("lying", List.of(), 90, 140, 3);
        assertThat(plan(body).getList("exercises.id", String.class)).contains("knee-to-chest");
        body.put("avoid", List.of("knee-to-chest"));
        given().auth().oauth2(Tokens.serviceAccount()).contentType(ContentType.JSON).body(body)
                .when().post("/api/catalog/plans")
                .then().statusCode(422).contentType("application/problem+json");

        Map<String, Object> seated = request("seated", List.of("chair"), 30, 60, 11);
        List<String> recent = plan(seated).getList("exercises.id", String.class);
        seated.put("recent", recent);
        for (long seed = 0; seed < 10; seed++) {
            seated.put("seed", seed);
            assertThat(plan(seated).getList("exercises.id", String.class)).doesNotContainAnyElementsOf(recent);
        }
        // lying, 100–140 s: only plans with knee-to-chest fit, so the recent exercise is used after all
        Map<String, Object> lying = request("lying", List.of(), 100, 140, 5);
        lying.put("recent", List.of("knee-to-chest"));
        assertThat(plan(lying).getList("exercises.id", String.class)).contains("knee-to-chest");
    }

    @Test
    void prefersTheFocusRegions() {
        for (long seed = 0; seed < 10; seed++) {
            Map<String, Object> body = request("seated", List.of("chair"), 30, 90, seed);
            body.put("focusRegions", List.of("neck"));
            List<List<String>> regions = plan(body).getList("exercises.regions");
            assertThat(regions.stream().flatMap(List::stream)).contains("neck");
        }
    }

    @Test
    void explainsWhyNothingFits() {
        given().auth().oauth2(Tokens.serviceAccount()).contentType(ContentType.JSON)
                .body(request("seated", List.of(), 60, 120, 1))
                .when().post("/api/catalog/plans")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("/problems/no-fitting-plan"))
                .body("status", equalTo(422))
                .body("detail", equalTo("no exercise for position seated with equipment []"))
                .body("reasons", equalTo(List.of("no exercise for position seated with equipment []")));
        given().auth().oauth2(Tokens.serviceAccount()).contentType(ContentType.JSON)
                .body(request("all-fours", List.of("chair"), 5, 10, 1))
                .when().post("/api/catalog/plans")
                .then().statusCode(422)
                .body("reasons[0]", containsString("every exercise for position all-fours with equipment [chair] lasts longer than maxSeconds 10"));
        // lying without a foam roller: 100 s and 31 s, so neither alone nor together within 110–120 s
        given().auth().oauth2(Tokens.serviceAccount()).contentType(ContentType.JSON)
                .body(request("lying", List.of("wall"), 110, 120, 1))
                .when().post("/api/catalog/plans")
                .then().statusCode(422)
                .body("detail", containsString("no combination of 1–3 of the 2 exercises for position lying with equipment [wall] lasts between 110 and 120 s"));
    }

    @Test
    void rejectsEveryInvalidFieldAtOnce() {
        given().auth().oauth2(Tokens.of("alice")).contentType(ContentType.JSON)
                .body(Map.of("position", "upside-down", "equipment", List.of("sofa"), "minSeconds", 120, "maxSeconds", 60,
                        "focusRegions", List.of("knees")))
                .when().post("/api/catalog/plans")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("position", "equipment[0]", "maxSeconds", "focusRegions[0]"));
        given().auth().oauth2(Tokens.of("alice")).contentType(ContentType.JSON).body(Map.of("position", "seated"))
                .when().post("/api/catalog/plans")
                .then().statusCode(400).body("errors.field", hasItems("minSeconds", "maxSeconds"));
        given().auth().oauth2(Tokens.of("alice")).contentType(ContentType.JSON).body("{\"minSeconds\": \"soon\"}")
                .when().post("/api/catalog/plans")
                .then().statusCode(400).body("errors.field", hasItems("minSeconds"));
    }

    @Test
    void plansInGermanWhenAskedAndNeedACatalogRole() {
        given().auth().oauth2(Tokens.of("alice")).contentType(ContentType.JSON).header("Accept-Language", "de")
                .body(request("standing", List.of("chair", "wall"), 40, 50, 2))
                .when().post("/api/catalog/plans")
                .then().statusCode(200).header("Content-Language", "de")
                .body("exercises[0].dose", matchesPattern(".*(halten|Wiederholung|Durchg|Satz|täglich|Woche|Einmal|Beide).*"));
        given().contentType(ContentType.JSON).body(request("seated", List.of("chair"), 60, 120, 1))
                .when().post("/api/catalog/plans").then().statusCode(401);
    }
}
