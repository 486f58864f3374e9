package io.wellness.scheduler.rest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.wellness.infra.quarkus.Tokens;
import io.wellness.scheduler.support.SchedulerDb;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The roster import takes a whole company's file (up to 16 MB) while every other route stays at 256 KB; refusals are
 * problem documents.
 */
@QuarkusTest
class BodyLimitsTest {
    private static final int STANDARD_LIMIT = 256 * 1024;

    @Inject
    AgroalDataSource dataSource;

    @TestHTTPResource("/api/scheduler/me/settings")
    URI settings;

    @BeforeEach
    void clean() {
        new SchedulerDb(dataSource).clear();
    }

    @Test
    void aRosterFileLargerThanTheStandardLimitIsImported() {
        StringBuilder csv = new StringBuilder("id,username,team,timezone,channel_type,channel_address\n");
        int rows = 0;
        while (csv.length() <= 2 * STANDARD_LIMIT) {
            rows++;
            csv.append("bulk-").append(rows).append(",employee-number-").append(rows).append("-of-a-large-company")
                    .append(",operations,Europe/Berlin,slack,U0BULK").append(rows).append('\n');
        }
        given().auth().oauth2(Tokens.of("adam")).contentType("text/csv").body(csv.toString())
                .when().post("/api/scheduler/roster/import")
                .then().statusCode(200).body("imported", equalTo(rows)).body("created", equalTo(rows));
    }

    @Test
    void otherRoutesRefuseBodiesOverTheStandardLimit() {
        String huge = "{\"intervalMinutes\":45,\"padding\":\"" + "x".repeat(STANDARD_LIMIT) + "\"}";
        given().auth().oauth2(Tokens.of("alice")).contentType("application/json").body(huge)
                .when().put("/api/scheduler/me/settings")
                .then().statusCode(413).contentType("application/problem+json").body("status", equalTo(413));
    }

    @Test
    void aBodyOfUnknownSizeIsRefusedWhereTheLimitIsBelowTheCeiling() throws Exception {
        byte[] body = "{\"intervalMinutes\":45}".getBytes(StandardCharsets.UTF_8);
        HttpRequest chunked = HttpRequest.newBuilder(settings)
                .header("Authorization", "Bearer " + Tokens.of("alice"))
                .header("Content-Type", "application/json")
                // an input stream of unknown length is sent chunked, without a Content-Length
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> response = client.send(chunked, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(411);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
    }
}
