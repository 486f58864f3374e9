package io.wellness.gateway.proxy;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wellness.gateway.support.GatewayTestResource;
import io.wellness.infra.quarkus.ForgedTokens;
import io.wellness.infra.quarkus.Tokens;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** The proxy in front of the services, with real Keycloak tokens and fake services that echo what they receive. */
@QuarkusTest
class ServiceRoutesTest {

    @Test
    void relaysTheCallersBearerTokenAndTheRequestIdToTheService() {
        String token = Tokens.of("alice");
        Response response = given().auth().oauth2(token).header("X-Request-Id", "test-correlation-0001")
                .get("/api/catalog/exercises?lang=de");
        response.then().statusCode(200)
                .header("X-Request-Id", "test-correlation-0001")
                .body("authorization", equalTo("Bearer " + token))
                .body("requestId", equalTo("test-correlation-0001"))
                .body("path", equalTo("/api/catalog/exercises?lang=de"));
    }

    @Test
    void createsARequestIdWhenTheCallerSentNone() {
        Response response = given().auth().oauth2(Tokens.of("bob")).get("/api/scheduler/me/history");
        response.then().statusCode(200);
        String id = response.header("X-Request-Id");
        assertThat(id).matches("[0-9a-f-]{36}");
        assertThat(response.jsonPath().getString("requestId")).isEqualTo(id);
    }

    @Test
    void streamsARequestBodyToTheServiceAfterAuthentication() {
        given().auth().oauth2(Tokens.of("carol")).contentType("application/json").body("{\"outcome\":\"completed\"}")
                .post("/api/scheduler/inbox/0b6d2c59-0000-4000-8000-000000000001/outcome")
                .then().statusCode(200)
                .body("method", equalTo("POST"))
                .body("body", equalTo("{\"outcome\":\"completed\"}"))
                .body("cookie", nullValue());
    }

    @Test
    void refusesApiCallsWithoutAValidToken() {
        for (String path : new String[]{"/api/catalog/exercises", "/api/scheduler/inbox", "/api/tracking/me/stats"}) {
            given().redirects().follow(false).get(path).then().statusCode(401);
            given().redirects().follow(false).auth().oauth2(ForgedTokens.resignedWithForeignKey(Tokens.of("alice"))).get(path).then().statusCode(401);
        }
    }

    @Test
    void answers502AsProblemDetailsWhenTheServiceDropsTheConnection() {
        given().auth().oauth2(Tokens.of("dave")).get("/api/tracking/broken")
                .then().statusCode(502)
                .contentType("application/problem+json")
                .body("status", equalTo(502))
                .body("title", equalTo("Bad Gateway"));
    }

    @Test
    void answers504AsProblemDetailsWhenTheServiceIsTooSlow() {
        given().auth().oauth2(Tokens.of("dave")).get("/api/catalog/slow")
                .then().statusCode(504)
                .contentType("application/problem+json")
                .body("status", equalTo(504));
    }

    @Test
    void refusesBodiesOverTheLimitBeforeTheyReachAService() {
        given().auth().oauth2(Tokens.of("erin")).contentType("application/json").body("x".repeat(300_000))
                .post("/api/catalog/exercises")
                .then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void acceptsAChunkedBodyWithinTheLimitAndPassesItOnWhole() throws Exception {
        String body = "{\"note\":\"" + "y".repeat(100_000) + "\"}";
        HttpResponse<String> response = postChunked("/api/tracking/me/notes", body.getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(response.body()).get("body").asText()).isEqualTo(body);
    }

    @Test
    void refusesAChunkedBodyOnceItGrowsBeyondTheLimit() throws Exception {
        HttpResponse<String> response = postChunked("/api/catalog/exercises", "x".repeat(300_000).getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(new ObjectMapper().readTree(response.body()).get("status").asInt()).isEqualTo(413);
    }

    @Test
    void letsTheRosterImportCarryAFileLargerThanTheStandardLimit() throws Exception {
        String csv = "id,username,team,timezone,channel_type,channel_address\n" + "e,u,t,UTC,web,\n".repeat(60_000);
        given().auth().oauth2(Tokens.of("adam")).contentType("text/csv").body(csv)
                .post("/api/scheduler/roster/import")
                .then().statusCode(200).body("body.length()", equalTo(csv.length()));
        HttpResponse<String> chunked = postChunked("/api/scheduler/roster/import", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(chunked.statusCode()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(chunked.body()).get("body").asText()).isEqualTo(csv);
        given().auth().oauth2(Tokens.of("adam")).contentType("text/csv").body(csv)
                .post("/api/scheduler/roster/sync")
                .then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void relaysBodiesOfCleartextHttp2Clients() throws Exception {
        // Java's HTTP client upgrades cleartext connections to HTTP/2 (h2c) by default; there a body of unknown size
        // has neither Content-Length nor Transfer-Encoding, and the gateway's HTTP/1.1 request to the service needs one
        String body = "{\"note\":\"" + "z".repeat(20_000) + "\"}";
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()) {
            for (int i = 0; i < 3; i++) {
                for (HttpRequest.BodyPublisher publisher : List.of(HttpRequest.BodyPublishers.ofString(body),
                        HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:"
                                    + System.getProperty(GatewayTestResource.PORT_PROPERTY) + "/api/tracking/me/notes"))
                            .header("Authorization", "Bearer " + Tokens.of("sue"))
                            .header("Content-Type", "application/json")
                            .POST(publisher).timeout(Duration.ofSeconds(30)).build();
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).as("request %d over %s", i, response.version()).isEqualTo(200);
                    assertThat(new ObjectMapper().readTree(response.body()).get("body").asText()).isEqualTo(body);
                }
            }
        }
    }

    /** A POST whose body has no Content-Length: the client sends it with Transfer-Encoding: chunked. */
    private static HttpResponse<String> postChunked(String path, byte[] body) throws Exception {
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:"
                            + System.getProperty(GatewayTestResource.PORT_PROPERTY) + path))
                    .header("Authorization", "Bearer " + Tokens.of("sue"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                    .timeout(Duration.ofSeconds(30))
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void forwardsChatCallbacksWithoutAnyToken() {
        given().header("Authorization", "Bearer not-for-the-service").header("X-Slack-Signature", "v0=abc")
                .contentType("application/x-www-form-urlencoded").body("payload=%7B%7D")
                .post("/api/scheduler/chat/slack/actions")
                .then().statusCode(401); // a malformed bearer token is refused before anything is forwarded
        given().header("X-Slack-Signature", "v0=abc").contentType("application/x-www-form-urlencoded").body("payload=%7B%7D")
                .post("/api/scheduler/chat/slack/actions")
                .then().statusCode(200)
                .body("authorization", nullValue())
                .body("body", equalTo("payload=%7B%7D"));
    }

    @Test
    void setsSecurityHeadersOnProxiedAnswers() {
        given().auth().oauth2(Tokens.of("frank")).get("/api/catalog/safety")
                .then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "strict-origin-when-cross-origin")
                .header("Content-Security-Policy", org.hamcrest.Matchers.containsString("frame-ancestors 'none'"))
                .header("Strict-Transport-Security", nullValue()); // http in test: HSTS only where TLS is used
    }
}
