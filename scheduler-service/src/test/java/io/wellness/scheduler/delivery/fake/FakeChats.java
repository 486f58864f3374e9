package io.wellness.scheduler.delivery.fake;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts one {@link FakeChatServer} per test JVM playing Slack, the Bot Framework (login, connector, OpenID
 * metadata and JWKS with a test RSA key), Mattermost and a webhook receiver, and points the delivery config at it.
 */
public class FakeChats implements QuarkusTestResourceLifecycleManager {
    public static final String SLACK_BOT_TOKEN = "xoxb-test-bot-token";
    public static final String SLACK_SIGNING_SECRET = "test-slack-signing-secret";
    public static final String TEAMS_APP_ID = "00000000-test-bot-app-id";
    public static final String TEAMS_APP_PASSWORD = "test-teams-app-password";
    public static final String TEAMS_KEY_ID = "test-key-1";
    public static final String WEBHOOK_SECRET = "test-webhook-secret";
    public static final String ACTION_SECRET = "test-action-secret";

    private static FakeChatServer server;
    private static KeyPair botFrameworkKey;

    public static synchronized FakeChatServer server() {
        if (server == null) {
            try {
                server = new FakeChatServer();
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                botFrameworkKey = generator.generateKeyPair();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            installDefaults(server);
        }
        return server;
    }

    public static KeyPair botFrameworkKey() {
        server();
        return botFrameworkKey;
    }

    /** The documented happy-path answers; tests script deviations (429, 5xx, slow answers) on top. */
    public static void installDefaults(FakeChatServer fake) {
        fake.defaultReply("/slack/api/chat.postMessage", request -> {
            if (!("Bearer " + SLACK_BOT_TOKEN).equals(request.header("Authorization"))) {
                return FakeChatServer.Reply.json(200, "{\"ok\":false,\"error\":\"invalid_auth\"}");
            }
            if (request.header("Content-Type") == null || !request.header("Content-Type").startsWith("application/json")) {
                return FakeChatServer.Reply.json(200, "{\"ok\":false,\"error\":\"invalid_arguments\"}");
            }
            return FakeChatServer.Reply.json(200, "{\"ok\":true,\"channel\":\"D024BE91L\",\"ts\":\"1503435956.000247\"}");
        });
        fake.defaultReply("/slack/response/", request -> FakeChatServer.Reply.json(200, "{\"ok\":true}"));
        fake.defaultReply("/teams/login", request -> request.body().contains("grant_type=client_credentials")
                && request.body().contains("client_secret=" + TEAMS_APP_PASSWORD)
                ? FakeChatServer.Reply.json(200, "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,\"access_token\":\"test-connector-token\"}")
                : FakeChatServer.Reply.json(401, "{\"error\":\"invalid_client\"}"));
        fake.defaultReply("/teams/connector/v3/conversations/", request -> "Bearer test-connector-token".equals(request.header("Authorization"))
                ? FakeChatServer.Reply.json(201, "{\"id\":\"1:activity-id-1\"}")
                : FakeChatServer.Reply.json(401, "{\"message\":\"Authorization has been denied for this request.\"}"));
        fake.defaultReply("/teams/openid", request -> FakeChatServer.Reply.json(200,
                "{\"issuer\":\"https://api.botframework.com\",\"jwks_uri\":\"" + fake.baseUrl() + "/teams/jwks\","
                        + "\"id_token_signing_alg_values_supported\":[\"RS256\"],\"token_endpoint_auth_methods_supported\":[\"private_key_jwt\"]}"));
        fake.defaultReply("/teams/jwks", request -> FakeChatServer.Reply.json(200, jwks()));
        fake.defaultReply("/mattermost/hooks/", request -> new FakeChatServer.Reply(200, Map.of("Content-Type", "text/plain"), "ok", java.time.Duration.ZERO));
        fake.defaultReply("/webhook/", request -> FakeChatServer.Reply.json(202, "{}"));
    }

    private static String jwks() {
        RSAPublicKey key = (RSAPublicKey) botFrameworkKey.getPublic();
        return "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"kid\":\"" + TEAMS_KEY_ID + "\",\"n\":\"" + unsigned(key.getModulus())
                + "\",\"e\":\"" + unsigned(key.getPublicExponent()) + "\",\"endorsements\":[\"msteams\"]}]}";
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public Map<String, String> start() {
        String base = server().baseUrl();
        Map<String, String> config = new HashMap<>();
        config.put("wellness.delivery.action-secret", ACTION_SECRET);
        config.put("wellness.delivery.max-delivery-time", "PT8S");
        config.put("wellness.delivery.initial-backoff", "PT0.2S");
        config.put("wellness.delivery.max-backoff", "PT1S");
        config.put("wellness.delivery.request-timeout", "PT1S");
        config.put("wellness.delivery.retry-poll-interval", "PT0.2S");
        config.put("wellness.delivery.slack.api-url", base + "/slack/api");
        config.put("wellness.delivery.slack.bot-token", SLACK_BOT_TOKEN);
        config.put("wellness.delivery.slack.signing-secret", SLACK_SIGNING_SECRET);
        config.put("wellness.delivery.slack.response-url-prefix", base + "/slack/response/");
        config.put("wellness.delivery.teams.app-id", TEAMS_APP_ID);
        config.put("wellness.delivery.teams.app-password", TEAMS_APP_PASSWORD);
        config.put("wellness.delivery.teams.login-url", base + "/teams/login");
        config.put("wellness.delivery.teams.service-url", base + "/teams/connector/");
        config.put("wellness.delivery.teams.open-id-metadata-url", base + "/teams/openid");
        config.put("wellness.delivery.mattermost.webhook-url", base + "/mattermost/hooks/test-hook-key");
        config.put("wellness.delivery.webhook.endpoints.ops.url", base + "/webhook/ops");
        config.put("wellness.delivery.webhook.endpoints.ops.secret", WEBHOOK_SECRET);
        return config;
    }

    @Override
    public void stop() {
        // the fake outlives one application start, like the rest of the test infrastructure
    }
}
