package io.wellness.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The production realm import is the local realm file minus demo users and dev-only parts, and it is up to date. */
class RealmImportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String localRealmText() throws IOException {
        return Files.readString(Rendered.repositoryDir().resolve(RealmImportGenerator.REALM_FILE));
    }

    private static JsonNode committedImport() throws IOException {
        return Rendered.parseAll(Files.readString(Rendered.repositoryDir().resolve(RealmImportGenerator.IMPORT_FILE))).getFirst();
    }

    @Test
    void theCommittedImportIsExactlyWhatTheGeneratorMakesOfTheLocalRealmFile() throws IOException {
        String expected = new RealmImportGenerator().render(localRealmText());
        String committed = Files.readString(Rendered.repositoryDir().resolve(RealmImportGenerator.IMPORT_FILE));
        assertThat(committed)
                .as("realm-import.yaml is stale: regenerate it (deploy/README.md, \"Keycloak realm\")")
                .isEqualTo(expected);
    }

    @Test
    void everythingButUsersClientsAndTheDisplayNameIsTheLocalRealm() throws IOException {
        ObjectNode local = (ObjectNode) JSON.readTree(localRealmText());
        ObjectNode imported = (ObjectNode) committedImport().at("/spec/realm").deepCopy();
        for (ObjectNode realm : List.of(local, imported)) {
            realm.remove(List.of("users", "clients", "displayName"));
        }
        assertThat(imported).isEqualTo(local);
        assertThat(imported.path("realm").asText()).isEqualTo("wellness");
    }

    @Test
    void demoUsersAndTheDevOnlyClientAreLeftOutButServiceAccountsStay() throws IOException {
        JsonNode realm = committedImport().at("/spec/realm");
        List<String> users = new ArrayList<>();
        realm.path("users").forEach(u -> users.add(u.path("username").asText()));
        assertThat(users).containsExactly("service-account-wellness-services");
        assertThat(realm.path("users").findValues("credentials")).isEmpty();
        List<String> clients = new ArrayList<>();
        realm.path("clients").forEach(c -> clients.add(c.path("clientId").asText()));
        assertThat(clients).containsExactly("wellness-gateway", "wellness-services");
        assertThat(realm.toString()).doesNotContainIgnoringCase("dev-only").doesNotContain("localhost");
    }

    @Test
    void clientSecretsArePlaceholdersFilledFromTheDocumentedSecret() throws IOException {
        JsonNode spec = committedImport().path("spec");
        JsonNode placeholders = spec.path("placeholders");
        Set<String> documentedKeys = SecretAndConfigMapReferencesTest.documentedSecrets().get(RealmImportGenerator.CLIENT_SECRETS_SECRET);
        for (JsonNode client : spec.at("/realm/clients")) {
            String secret = client.path("secret").asText();
            assertThat(secret).as(client.path("clientId").asText()).matches("\\$\\{[A-Z_]+}");
            String variable = secret.substring(2, secret.length() - 1);
            assertThat(placeholders.at("/" + variable + "/secret/name").asText()).isEqualTo(RealmImportGenerator.CLIENT_SECRETS_SECRET);
            assertThat(documentedKeys).contains(placeholders.at("/" + variable + "/secret/key").asText());
        }
        assertThat(placeholders.size()).isEqualTo(2);
    }

    @Test
    void theGatewayClientRedirectsOnlyToThePublicHttpsUrlOfTheIngress() throws IOException {
        JsonNode gateway = committedImport().at("/spec/realm/clients/0");
        assertThat(gateway.path("redirectUris").toString()).isEqualTo("[\"" + RealmImportGenerator.PUBLIC_URL + "/*\"]");
        assertThat(gateway.path("rootUrl").asText()).isEqualTo(RealmImportGenerator.PUBLIC_URL);
        JsonNode ingress = Rendered.ofKind(Rendered.overlay(Rendered.overlays().getFirst()), "Ingress").stream()
                .filter(i -> i.at("/metadata/name").asText().equals("gateway")).findFirst().orElseThrow();
        assertThat("https://" + ingress.at("/spec/rules/0/host").asText()).isEqualTo(RealmImportGenerator.PUBLIC_URL);
        assertThat(ingress.at("/spec/tls/0/hosts/0").asText()).isEqualTo(ingress.at("/spec/rules/0/host").asText());
    }

    @Test
    void theGeneratorRemovesDemoUsersFromAnyRealmAndNeverLeaksASecretValue() throws IOException {
        String realm = """
                {"realm": "r", "clients": [
                   {"clientId": "wellness-gateway", "secret": "s3cr3t", "description": "Web. The secret is DEV-ONLY here.",
                    "redirectUris": ["http://localhost:8080/*"]},
                   {"clientId": "wellness-cli", "publicClient": true}],
                 "users": [{"username": "zoe", "credentials": [{"value": "pw"}]},
                           {"username": "service-account-x", "serviceAccountClientId": "x"}]}
                """;
        JsonNode generated = Rendered.parseAll(new RealmImportGenerator().render(realm)).getFirst();
        assertThat(generated.toString()).doesNotContain("s3cr3t", "zoe", "pw", "wellness-cli", "localhost", "DEV-ONLY");
        assertThat(generated.at("/spec/realm/clients/0/secret").asText()).isEqualTo("${WELLNESS_GATEWAY_CLIENT_SECRET}");
        assertThat(generated.at("/spec/realm/clients/0/description").asText()).isEqualTo("Web.");
        assertThat(generated.at("/spec/realm/users/0/username").asText()).isEqualTo("service-account-x");
    }
}
