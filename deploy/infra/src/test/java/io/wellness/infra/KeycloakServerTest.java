package io.wellness.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Starts a real Keycloak with deploy/realm/wellness-realm.json and checks the contract the services rely on:
 * token claims, the service account's roster access, the demo data, and a clean stop.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakServerTest {

    private static final String REALM = "wellness";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private KeycloakServer keycloak;

    @BeforeAll
    void start() {
        // no workDir: a temporary one, deleted by stop()
        keycloak = KeycloakServer.builder()
                .httpPort(Ports.freePort())
                .managementPort(Ports.freePort())
                .realmFile(realmFile())
                .logFile(Path.of("target", "keycloak-server-test.log").toAbsolutePath())
                .build();
        keycloak.start();
        System.out.printf("Keycloak %s ready at %s in %d ms (of which %d ms unzip/build); JVM pid %s, VmRSS %d KiB; log %s%n",
                KeycloakServer.VERSION, keycloak.url(), keycloak.lastStartDuration().toMillis(),
                keycloak.lastPreparationDuration().toMillis(),
                keycloak.javaProcess().map(h -> Long.toString(h.pid())).orElse("?"), keycloak.javaRssKiB(),
                keycloak.logFile());
    }

    @AfterAll
    void stop() {
        if (keycloak != null) {
            keycloak.stop();
        }
    }

    static Path realmFile() {
        String configured = System.getProperty("wellness.realm.file");
        Path p = configured != null ? Path.of(configured) : Path.of("..", "realm", "wellness-realm.json");
        assertTrue(Files.isRegularFile(p), "realm file missing: " + p.toAbsolutePath());
        return p;
    }

    @Test
    @Order(1)
    void passwordGrantTokenCarriesAudienceRolesGroupsAndUsername() throws IOException {
        String token = keycloak.passwordGrantToken(REALM, "wellness-cli", "alice", "dev-only-alice");
        JsonNode claims = payload(token);

        assertTrue(texts(claims.path("aud")).contains("wellness-api"), "aud: " + claims.path("aud"));
        assertTrue(texts(claims.path("realm_access").path("roles")).contains("employee"), "realm_access: " + claims);
        assertTrue(texts(claims.path("groups")).contains("/teams/engineering"), "groups: " + claims.path("groups"));
        assertEquals("alice", claims.path("preferred_username").asText());
        assertEquals(keycloak.issuer(REALM), claims.path("iss").asText());
        assertFalse(claims.path("sub").asText().isEmpty(), "sub missing");
        long lifespan = claims.path("exp").asLong() - claims.path("iat").asLong();
        assertEquals(300, lifespan, "access token lifespan");
    }

    @Test
    @Order(2)
    void wrongPasswordIsRefused() {
        HttpResponse<String> r = keycloak.tokenRequest(REALM, Map.of(
                "grant_type", "password", "client_id", "wellness-cli",
                "username", "alice", "password", "not-alices-password"));
        // Keycloak 26.7 answers bad user credentials with 400 invalid_grant (RFC 6749 section 5.2); older
        // releases answered 401. Either way: refused, no token.
        assertTrue(r.statusCode() == 400 || r.statusCode() == 401, r.statusCode() + " " + r.body());
        assertTrue(r.body().contains("\"invalid_grant\""), r.body());
        assertFalse(r.body().contains("access_token"), r.body());
        KeycloakServer.TokenRequestException e = assertThrows(KeycloakServer.TokenRequestException.class,
                () -> keycloak.passwordGrantToken(REALM, "wellness-cli", "alice", "wrong"));
        assertEquals(r.statusCode(), e.statusCode());

        HttpResponse<String> badSecret = keycloak.tokenRequest(REALM, Map.of(
                "grant_type", "client_credentials", "client_id", "wellness-services", "client_secret", "wrong"));
        assertEquals(401, badSecret.statusCode(), badSecret.body());
    }

    @Test
    @Order(3)
    void teamLeadRoleIsInTheToken() throws IOException {
        JsonNode tara = payload(keycloak.passwordGrantToken(REALM, "wellness-cli", "tara", "dev-only-tara"));
        List<String> roles = texts(tara.path("realm_access").path("roles"));
        assertTrue(roles.contains("team-lead") && roles.contains("employee"), "tara's roles: " + roles);

        JsonNode alice = payload(keycloak.passwordGrantToken(REALM, "wellness-cli", "alice", "dev-only-alice"));
        assertFalse(texts(alice.path("realm_access").path("roles")).contains("team-lead"));
    }

    @Test
    @Order(4)
    void serviceAccountReadsTheRoster() throws Exception {
        String token = keycloak.clientCredentialsToken(REALM, "wellness-services", "dev-only-services-secret");
        JsonNode claims = payload(token);
        assertTrue(texts(claims.path("aud")).contains("wellness-api"), "aud: " + claims.path("aud"));
        assertTrue(texts(claims.path("realm_access").path("roles")).contains("service"), "roles: " + claims);

        JsonNode users = get(token, "/users?briefRepresentation=false&max=200");
        JsonNode alice = find(users, "username", "alice");
        assertEquals("Europe/Berlin", alice.path("attributes").path("timezone").path(0).asText(), alice.toString());
        assertEquals("U0ALICE01", alice.path("attributes").path("chatId").path(0).asText(), alice.toString());
        assertEquals("alice@wellness.example", alice.path("email").asText());
        assertTrue(alice.path("emailVerified").asBoolean());
        long humans = StreamSupport.stream(users.spliterator(), false)
                .filter(u -> !u.path("username").asText().startsWith("service-account-")).count();
        assertEquals(17, humans, "demo users");

        JsonNode taraRoles = get(token, "/users/" + find(users, "username", "tara").path("id").asText()
                + "/role-mappings/realm");
        assertTrue(names(taraRoles).contains("team-lead"), "tara: " + taraRoles);

        JsonNode groups = get(token, "/groups");
        JsonNode teams = find(groups, "name", "teams");
        JsonNode children = get(token, "/groups/" + teams.path("id").asText() + "/children");
        assertEquals(List.of("design", "engineering", "sales"), names(children).stream().sorted().toList());

        Map<String, Integer> expected = Map.of("engineering", 7, "sales", 5, "design", 3);
        for (var e : expected.entrySet()) {
            JsonNode team = find(children, "name", e.getKey());
            JsonNode members = get(token, "/groups/" + team.path("id").asText() + "/members?max=100");
            assertEquals(e.getValue(), members.size(), e.getKey() + " members: " + members);
        }
    }

    @Test
    @Order(5)
    void gatewayClientRequiresPkceS256() throws Exception {
        // Authorization request without code_challenge: Keycloak must refuse it for this client.
        String base = keycloak.issuer(REALM) + "/protocol/openid-connect/auth?response_type=code&client_id=wellness-gateway"
                + "&scope=openid&redirect_uri=" + URLEncoder.encode("http://localhost:8080/callback", StandardCharsets.UTF_8);
        HttpResponse<String> noPkce = http.send(HttpRequest.newBuilder(URI.create(base)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        String location = noPkce.headers().firstValue("Location").orElse("");
        assertTrue(location.contains("error=invalid_request") && location.contains("code_challenge"),
                "without PKCE: " + noPkce.statusCode() + " " + location);

        HttpResponse<String> withPkce = http.send(HttpRequest.newBuilder(URI.create(base
                + "&code_challenge_method=S256&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, withPkce.statusCode(), "login page expected");
    }

    @Test
    @Order(100)
    void stopLeavesNoProcessAndClosesThePorts() {
        List<ProcessHandle> processes = new ArrayList<>(keycloak.processes());
        assertTrue(keycloak.javaProcess().isPresent(), "the Keycloak JVM was seen");
        keycloak.stop();
        keycloak.stop(); // idempotent
        assertFalse(keycloak.isRunning());
        for (ProcessHandle h : processes) {
            assertFalse(h.isAlive(), "still alive: " + h.pid() + " " + h.info().commandLine().orElse(""));
        }
        assertFalse(listening(keycloak.httpPort()), "HTTP port still open");
        assertFalse(listening(keycloak.managementPort()), "management port still open");
        assertFalse(Files.exists(keycloak.workDir()), "temporary work dir left behind: " + keycloak.workDir());
    }

    // ------------------------------------------------------------------ helpers

    private JsonNode get(String token, String adminPath) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(keycloak.url() + "/admin/realms/" + REALM + adminPath))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .GET().build();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), "GET " + adminPath + ": " + r.body());
        return JSON.readTree(r.body());
    }

    private static JsonNode payload(String jwt) throws IOException {
        String[] parts = jwt.split("\\.");
        assertEquals(3, parts.length, "not a JWS: " + jwt);
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (value.equals(n.path(field).asText())) {
                return n;
            }
        }
        throw new AssertionError("no element with " + field + "=" + value + " in " + array);
    }

    /** A claim that may be a string or an array of strings, as a list. */
    private static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else if (!node.isMissingNode() && !node.isNull()) {
            out.add(node.asText());
        }
        return out;
    }

    private static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path("name").asText()));
        return out;
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
