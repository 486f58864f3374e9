package io.wellness.gateway.fuzz;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.wellness.infra.fuzz.ApiOperation;
import io.wellness.infra.fuzz.FuzzTarget;
import io.wellness.infra.quarkus.Tokens;
import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * The gateway's own pages, the API it relays to the services and the public chat callbacks, fuzzed with hostile
 * requests. The services behind it are fakes that accept anything, so this proves what the gateway itself does:
 * never a 5xx, its own refusals (no or bad token, body too large, rate limit) as problem documents, no header
 * injection through what it relays or echoes, no script reflected into a page.
 */
@QuarkusTest
class GatewayFuzzTest {
    // the test profile allows each user a burst of 30 requests: every operation is sent as another user
    private static final List<String> USERS = List.of("alice", "bob", "carol", "dave", "erin", "frank", "tara", "sam",
            "sally", "steve", "sue", "logan", "dana", "diego", "dora", "harriet", "adam");

    @Test
    void hostileRequestsNeverBreakTheGateway() {
        FuzzTarget target = FuzzTarget.at("localhost", RestAssured.port)
                .operation(page("/"))
                .operation(page("/team"))
                .operation(page("/hr"))
                .operation(page("/admin"))
                .operation(ApiOperation.simple("GET", "/api/catalog/exercises").producing("application/json")
                        .withParameter("q", "query", "shoulder").withParameter("region", "query", "neck"))
                .operation(ApiOperation.simple("GET", "/api/catalog/exercises/{id}").producing("application/json")
                        .withParameter("id", "path", "standing-wall-twist"))
                .operation(ApiOperation.simple("POST", "/api/catalog/plans").producing("application/json")
                        .withBody("application/json", "{\"minutes\":2,\"position\":\"seated\",\"equipment\":[\"chair\"],\"seed\":7}"))
                .operation(ApiOperation.simple("PUT", "/api/scheduler/me/settings").producing("application/json")
                        .withBody("application/json", "{\"timeZone\":\"Europe/Berlin\",\"intervalMinutes\":45,"
                                + "\"preferredPosition\":\"seated\",\"focusRegions\":[\"neck\"]}"))
                .operation(ApiOperation.simple("POST", "/api/scheduler/inbox/{breakId}/outcome").producing("application/json")
                        .withParameter("breakId", "path", "6f1c2f4e-8d7a-4f0e-9b1a-1c2d3e4f5a6b")
                        .withBody("application/json", "{\"outcome\":\"completed\"}"))
                .operation(ApiOperation.simple("GET", "/api/tracking/dashboards/teams/{team}").producing("application/json", "text/csv")
                        .withParameter("team", "path", "engineering"))
                .operation(ApiOperation.simple("DELETE", "/api/tracking/me").producing("application/json"))
                .operation(ApiOperation.simple("POST", "/api/scheduler/chat/slack/interactions").producing("application/json")
                        .withBody("application/x-www-form-urlencoded", "payload=%7B%22type%22%3A%22block_actions%22%7D"))
                .operation(ApiOperation.simple("POST", "/api/scheduler/chat/teams/messages").producing("application/json")
                        .withBody("application/json", "{\"type\":\"invoke\",\"value\":{\"action\":\"done\"}}"))
                .operation(ApiOperation.simple("GET", "/api/scheduler/chat/actions/{token}").producing("text/html")
                        .withParameter("token", "path", "v1.abc.def"))
                .passThrough()
                .publicRoutes(op -> op.path().startsWith("/api/scheduler/chat/"))
                // the services behind are fakes: whatever they accept changes nothing real
                .acceptWrites(op -> true)
                .maxCasesPerOperation(26);

        target.runRotating(USERS, Tokens::of).assertClean();
    }

    private static ApiOperation page(String path) {
        return ApiOperation.simple("GET", path).producing("text/html").withParameter("lang", "query", "de");
    }
}
