package io.wellness.gateway.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.wellness.infra.quarkus.TestInfrastructure;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Without any credential only health and the signed chat callbacks answer; everything else asks for a login. */
@QuarkusTest
class PublicRoutesTest {
    private static final List<String> PUBLIC_GET = List.of("/q/health", "/q/health/live", "/q/health/ready", "/q/health/started");
    private static final List<String> PUBLIC_POST = List.of("/api/scheduler/chat/slack/actions", "/api/scheduler/chat/events");
    private static final List<String> PROTECTED_PAGES = List.of("/", "/team", "/hr", "/admin", "/static/app.css",
            "/static/app.js", "/static/hr.js", "/webjars/chart.js/4.5.1/dist/chart.umd.min.js", "/q/openapi", "/q/metrics",
            "/q/swagger-ui", "/q/dev-ui", "/logout", "/no-such-page");
    private static final List<String> PROTECTED_API = List.of("/api/catalog/exercises", "/api/catalog/safety",
            "/api/scheduler/inbox", "/api/scheduler/inbox/stream", "/api/scheduler/me/settings", "/api/scheduler/policy",
            "/api/scheduler/chatty", "/api/tracking/me/stats", "/api/tracking/dashboards/company", "/api/other/x", "/api/");

    @Test
    void onlyHealthAndChatCallbacksArePublic() {
        for (String path : PUBLIC_GET) {
            assertThat(given().redirects().follow(false).get(path).statusCode()).as(path).isEqualTo(200);
        }
        for (String path : PUBLIC_POST) {
            Response response = given().redirects().follow(false).contentType("application/json").body("{}").post(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.jsonPath().getString("path")).as(path).isEqualTo(path); // reached the (fake) scheduler
        }
        for (String path : PROTECTED_PAGES) {
            Response response = given().redirects().follow(false).get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(302);
            assertThat(response.header("Location")).as(path).startsWith(TestInfrastructure.issuer() + "/protocol/openid-connect/auth");
        }
        for (String path : PROTECTED_API) {
            for (String method : List.of("GET", "POST", "DELETE")) {
                Response response = given().redirects().follow(false).request(method, path);
                assertThat(response.statusCode()).as(method + " " + path).isEqualTo(401);
            }
        }
    }
}
