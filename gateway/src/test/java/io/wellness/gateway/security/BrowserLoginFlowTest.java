package io.wellness.gateway.security;

import io.quarkus.test.junit.QuarkusTest;
import io.wellness.gateway.support.BrowserlessSession;
import io.wellness.gateway.support.GatewayTestResource;
import io.wellness.infra.quarkus.ForgedTokens;
import io.wellness.infra.quarkus.TestInfrastructure;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.wellness.gateway.support.BrowserlessSession.location;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser login, hop by hop against the real Keycloak: authorization code flow with PKCE, the encrypted session
 * cookie, the session's access token relayed to the services, CSRF on state-changing calls, and logout that ends
 * the Keycloak session too.
 */
@QuarkusTest
class BrowserLoginFlowTest {
    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\">");

    private static String gateway() {
        return "http://localhost:" + System.getProperty(GatewayTestResource.PORT_PROPERTY);
    }

    private static String logIn(BrowserlessSession browser, String user) {
        HttpResponse<String> page = browser.get(gateway() + "/");
        assertThat(page.statusCode()).isEqualTo(302);
        String authorize = location(page);
        assertThat(authorize).startsWith(TestInfrastructure.issuer() + "/protocol/openid-connect/auth?")
                .contains("client_id=wellness-gateway", "response_type=code", "code_challenge_method=S256")
                .containsPattern("code_challenge=[A-Za-z0-9_-]{43}");

        HttpResponse<String> loginPage = browser.get(authorize);
        assertThat(loginPage.statusCode()).isEqualTo(200);
        HttpResponse<String> afterLogin = browser.postForm(BrowserlessSession.loginFormAction(loginPage.body()),
                Map.of("username", user, "password", "dev-only-" + user, "credentialId", ""));
        assertThat(afterLogin.statusCode()).isEqualTo(302);
        String callback = location(afterLogin);
        assertThat(callback).startsWith(gateway() + "/").contains("code=");

        HttpResponse<String> codeExchanged = browser.get(callback);
        assertThat(codeExchanged.statusCode()).isEqualTo(302);
        assertThat(browser.hasCookieStartingWith("q_session")).isTrue();
        assertThat(codeExchanged.headers().allValues("Set-Cookie")).anySatisfy(cookie ->
                assertThat(cookie).startsWith("q_session").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax"));

        HttpResponse<String> home = browser.get(gateway() + location(codeExchanged).replaceFirst("^https?://[^/]+", ""));
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains(user);
        Matcher csrf = CSRF_META.matcher(home.body());
        assertThat(csrf.find()).isTrue();
        return csrf.group(1);
    }

    @Test
    void logsInWithPkceRelaysTheSessionTokenChecksCsrfAndLogsOutOfKeycloakToo() {
        BrowserlessSession browser = new BrowserlessSession();
        String csrfToken = logIn(browser, "alice");

        // the page's API calls ride on the session cookie; the service gets alice's access token, never the cookie
        HttpResponse<String> relayed = browser.get(gateway() + "/api/catalog/exercises");
        assertThat(relayed.statusCode()).isEqualTo(200);
        String bearer = relayed.body().replaceAll(".*\"authorization\":\"Bearer ([^\"]+)\".*", "$1");
        assertThat(ForgedTokens.claims(bearer).path("preferred_username").asText()).isEqualTo("alice");
        assertThat(ForgedTokens.claims(bearer).path("aud").toString()).contains("wellness-api");
        assertThat(relayed.body()).contains("\"cookie\":null");

        // state-changing calls with the session cookie need the CSRF header
        String outcome = gateway() + "/api/scheduler/inbox/0b6d2c59-0000-4000-8000-000000000002/outcome";
        HttpResponse<String> withoutToken = browser.send(HttpRequest.newBuilder(URI.create(outcome))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"outcome\":\"completed\"}")));
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(withoutToken.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        HttpResponse<String> wrongToken = browser.send(HttpRequest.newBuilder(URI.create(outcome)).header(CsrfTokens.HEADER, "x".repeat(43))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"outcome\":\"completed\"}")));
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        HttpResponse<String> withToken = browser.send(HttpRequest.newBuilder(URI.create(outcome)).header(CsrfTokens.HEADER, csrfToken)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"outcome\":\"completed\"}")));
        assertThat(withToken.statusCode()).isEqualTo(200);
        assertThat(withToken.body()).contains("\"body\":\"{\\\"outcome\\\":\\\"completed\\\"}\"", "\"csrf\":null");

        // logout: the gateway session is dropped and Keycloak's session is ended (RP-initiated logout)
        HttpResponse<String> logout = browser.get(gateway() + "/logout");
        assertThat(logout.statusCode()).isEqualTo(302);
        String endSession = location(logout);
        assertThat(endSession).startsWith(TestInfrastructure.issuer() + "/protocol/openid-connect/logout")
                .contains("id_token_hint=", "post_logout_redirect_uri=");
        assertThat(browser.hasCookieStartingWith("q_session")).isFalse();
        HttpResponse<String> keycloakLogout = browser.get(endSession);
        assertThat(keycloakLogout.statusCode()).isEqualTo(302);
        assertThat(location(keycloakLogout)).startsWith(gateway() + "/");

        HttpResponse<String> again = browser.get(gateway() + "/");
        assertThat(again.statusCode()).isEqualTo(302);
        HttpResponse<String> loginAgain = browser.get(location(again));
        assertThat(loginAgain.statusCode()).as("Keycloak asks for the password again: its SSO session ended").isEqualTo(200);
        assertThat(loginAgain.body()).contains("kc-form-login");
    }
}
