package io.wellness.gateway.web;

import io.quarkus.test.junit.QuarkusTest;
import io.wellness.infra.quarkus.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The access log names the user (Keycloak sub) and the request id of every proxied request. */
@QuarkusTest
class AccessLogTest {

    @Test
    void logsUserIdAndRequestIdOfAProxiedRequest() throws InterruptedException {
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger("io.wellness.gateway.access-log");
        log.addHandler(capture);
        try {
            String token = Tokens.of("alice");
            given().auth().oauth2(token).header("X-Request-Id", "access-log-test-0001")
                    .get("/api/catalog/exercises?lang=en").then().statusCode(200);
            String sub = subject(token);
            // the line is written once the answer has gone out, possibly a moment after the client has it
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (lines.stream().noneMatch(line -> line.contains("access-log-test-0001")) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(lines).anySatisfy(line -> assertThat(line)
                    .contains("\"GET /api/catalog/exercises?lang=en HTTP/1.1\" 200 ")
                    .contains(" user=" + sub)
                    .endsWith(" request-id=access-log-test-0001"));
        } finally {
            log.removeHandler(capture);
        }
    }

    private static String subject(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        return payload.replaceAll(".*\"sub\":\"([^\"]+)\".*", "$1");
    }
}
