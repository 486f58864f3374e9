package io.wellness.infra.fuzz;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fuzzer against a small HTTP server whose faults are known: it must find each of them, and only them. */
class FuzzerTest {
    private static final String OPENAPI = """
            {"openapi":"3.1.0","paths":{
              "/api/things/{id}":{"get":{"parameters":[{"name":"id","in":"path","required":true,"schema":{"type":"string"}}],
                                        "responses":{"200":{"content":{"application/json":{}}}}},
                                  "put":{"parameters":[{"name":"id","in":"path","required":true,"schema":{"type":"string"}}],
                                         "requestBody":{"required":true,"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Thing"}}}},
                                         "responses":{"200":{"content":{"application/json":{}}}}}}},
             "components":{"schemas":{"Thing":{"type":"object","required":["name"],
               "properties":{"name":{"type":"string","maxLength":20},"size":{"type":"integer"}}}}}}""";

    private HttpServer server;
    private final AtomicInteger stored = new AtomicInteger();
    private volatile boolean leaky;
    private volatile boolean storesBadBodies;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.createContext("/", ex -> send(ex, 404, "application/problem+json", problem(404)));
        server.createContext("/q/openapi", ex -> send(ex, 200, "application/json", OPENAPI));
        server.createContext("/api/things/", this::things);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aCorrectServiceGivesACleanReport() {
        FuzzReport report = target().runAs("tester", "token");
        report.assertClean();
        assertThat(report.cases()).isGreaterThan(20);
    }

    @Test
    void findsServerErrorsLeaksAndRefusedWritesThatChangedData() {
        leaky = true;
        storesBadBodies = true;
        FuzzReport report = target().runAs("tester", "token");
        List<String> problems = report.findings().stream().map(FuzzReport.Finding::problem).toList();
        assertThat(problems).anyMatch(p -> p.startsWith("server error 500"));
        assertThat(problems).anyMatch(p -> p.startsWith("answer reveals internals"));
        assertThat(problems).anyMatch(p -> p.equals("a refused request changed data"));
        assertThat(problems).anyMatch(p -> p.startsWith("answer reveals another person's data"));
        assertThatThrownBy(report::assertClean).isInstanceOf(AssertionError.class).hasMessageContaining("GET /api/things/{id}");
    }

    @Test
    void theSameSeedSendsTheSameCases() {
        ApiOperation op = OpenApi.parse(OPENAPI).operations().get(1);
        List<String> first = new CaseGenerator(op, target(), "t", 7).cases().stream().map(FuzzCase::describe).toList();
        List<String> again = new CaseGenerator(op, target(), "t", 7).cases().stream().map(FuzzCase::describe).toList();
        List<String> other = new CaseGenerator(op, target(), "t", 8).cases().stream().map(FuzzCase::describe).toList();
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(first).hasSizeLessThanOrEqualTo(40);
    }

    private FuzzTarget target() {
        return FuzzTarget.at("127.0.0.1", server.getAddress().getPort())
                .operationsFromOpenApi()
                .pathValue("id", "mine")
                .foreign("id", "theirs")
                .secrets("their-secret")
                .snapshot(() -> Integer.toString(stored.get()));
    }

    /** A correct little service, with faults switched on by the test. */
    private void things(HttpExchange ex) throws IOException {
        String id = ex.getRequestURI().getRawPath().substring("/api/things/".length());
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        byte[] body = ex.getRequestBody().readAllBytes();
        if (auth == null || !auth.equals("Bearer token")) {
            send(ex, 401, "application/problem+json", problem(401));
        } else if (id.equals("theirs")) {
            send(ex, leaky ? 200 : 404, leaky ? "application/json" : "application/problem+json",
                    leaky ? "{\"name\":\"their-secret\"}" : problem(404));
        } else if (!id.equals("mine")) {
            send(ex, leaky && id.contains("%") ? 500 : 404, "application/problem+json",
                    leaky ? "{\"status\":404,\"title\":\"x\",\"detail\":\"org.postgresql.util.PSQLException at line 1\"}" : problem(404));
        } else if (ex.getRequestMethod().equals("GET")) {
            send(ex, 200, "application/json", "{\"name\":\"mine\"}");
        } else if (!ex.getRequestMethod().equals("PUT")) {
            send(ex, 405, "application/problem+json", problem(405));
        } else if (body.length > 256 * 1024) {
            send(ex, 413, "application/problem+json", problem(413));
        } else if (!"application/json".equals(ex.getRequestHeaders().getFirst("Content-Type"))) {
            send(ex, 415, "application/problem+json", problem(415));
        } else {
            String text = new String(body, StandardCharsets.UTF_8);
            boolean valid = text.matches("\\{\"name\":\"[^\"\\\\]{0,20}\"(,\"size\":-?\\d{1,9})?}");
            if (!valid && storesBadBodies) {
                stored.incrementAndGet();
            }
            if (valid) {
                stored.incrementAndGet();
            }
            send(ex, valid ? 200 : 400, valid ? "application/json" : "application/problem+json", valid ? text : problem(400));
        }
    }

    private static String problem(int status) {
        return "{\"type\":\"about:blank\",\"title\":\"T\",\"status\":" + status + "}";
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }
}
