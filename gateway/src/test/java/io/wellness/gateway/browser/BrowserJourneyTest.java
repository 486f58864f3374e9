package io.wellness.gateway.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.WaitForSelectorState;
import io.quarkus.test.junit.QuarkusTest;
import io.wellness.gateway.support.FakeData;
import io.wellness.gateway.support.GatewayTestResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real headless Chromium through the real Keycloak login page. The downstream services are the fake ones of
 * {@link io.wellness.gateway.support.FakeServices} (the inbox and dashboard JSON of {@link FakeData}): the real
 * services need their own databases and Kafka consumers, which this module's test JVM does not run.
 * Screenshots go to target/screenshots.
 */
@QuarkusTest
class BrowserJourneyTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static Playwright playwright;
    private static Browser browser;

    @BeforeAll
    static void startBrowser() throws Exception {
        Files.createDirectories(SCREENSHOTS);
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of(System.getProperty("wellness.test.chromium", "/usr/bin/chromium")))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking")));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    private static String gateway() {
        return "http://localhost:" + System.getProperty(GatewayTestResource.PORT_PROPERTY);
    }

    /** Opens {@code path}, gets sent to Keycloak's login page, signs in there and lands back on {@code path}. */
    private static Page logIn(BrowserContext context, String user, String path) {
        Page page = context.newPage();
        page.navigate(gateway() + path);
        page.locator("#username").fill(user);
        page.locator("#password").fill("dev-only-" + user);
        page.locator("#kc-login").click();
        page.waitForURL(url -> url.startsWith(gateway() + path));
        return page;
    }

    @Test
    void anEmployeeLogsInAndMarksABreakDone() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale("en-GB"))) {
            Page page = logIn(context, "alice", "/");
            Locator theBreak = page.locator("[data-break-id='" + FakeData.BREAK_ID + "']");
            Locator done = theBreak.locator("button[data-outcome='completed']");
            done.waitFor();
            assertThat(theBreak.locator("h3").textContent()).contains("Neck side stretch");
            // the live inbox (server-sent events) is relayed through the proxy with the session's token
            PlaywrightAssertions.assertThat(page.locator("#live-status")).hasText("Live updates are connected.");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("employee-before-done.png")).setFullPage(true));

            done.focus();
            page.keyboard().press("Enter"); // keyboard use, not only the mouse
            Locator outcome = theBreak.locator(".outcome");
            outcome.waitFor();
            assertThat(outcome.textContent()).isEqualTo("Completed");
            assertThat(theBreak.locator("button").count()).isZero();
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("employee-after-done.png")).setFullPage(true));

            // the same page on a phone-sized screen, in German
            page.setViewportSize(390, 844);
            page.navigate(gateway() + "/?lang=de");
            page.locator("[data-break-id] .outcome").waitFor();
            assertThat(page.locator("h1").textContent()).isEqualTo("Meine Pausen");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("employee-phone-de.png")).setFullPage(true));
        }
    }

    @Test
    void hrLogsInAndSeesTheDashboardChart() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale("en-GB")
                .setViewportSize(1280, 900))) {
            Page page = logIn(context, "harriet", "/hr");
            page.locator("#teams-table table").waitFor();
            page.waitForFunction("() => window.Chart && window.Chart.getChart(document.getElementById('trend-chart')) !== undefined");
            Object painted = page.evaluate("""
                    () => {
                      const canvas = document.getElementById('trend-chart');
                      const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                      let coloured = 0;
                      for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) coloured++;
                      return canvas.width > 0 && canvas.height > 0 && coloured > 1000;
                    }""");
            assertThat(painted).isEqualTo(true);
            assertThat(page.locator("#teams-table").textContent()).contains("engineering", "suppressed (fewer than 5 people)");
            assertThat(page.locator("#heatmap .heatmap > div").count()).isEqualTo(10);
            assertThat(page.locator("#heatmap").textContent()).contains("09:00", "95");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("hr-dashboard.png")).setFullPage(true));
        }
    }

    @Test
    void aTeamLeadIsRefusedTheHrPage() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale("en-GB"))) {
            Page page = logIn(context, "tara", "/");
            Response response = page.navigate(gateway() + "/hr");
            assertThat(response.status()).isEqualTo(403);
            assertThat(page.locator("h1").textContent()).isEqualTo("Access denied");
            assertThat(page.locator("#trend-chart").count()).isZero();
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("team-lead-refused-hr.png")).setFullPage(true));

            Response team = page.navigate(gateway() + "/team");
            assertThat(team.status()).isEqualTo(200);
            page.locator(".team-dashboard table").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("team-lead-team.png")).setFullPage(true));
        }
    }

    @Test
    void anAdminEditsAnExerciseInTheFormAndSeesTheCatalogsFieldErrorsNextToTheFields() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale("en-GB")
                .setViewportSize(1280, 900))) {
            Page page = logIn(context, "adam", "/admin");
            page.locator("button[aria-label='Edit Neck side stretch']").click();
            PlaywrightAssertions.assertThat(page.getByLabel("Name").first()).hasValue("Neck side stretch");
            PlaywrightAssertions.assertThat(page.locator("#ex-de-name")).hasValue("Nacken seitlich dehnen");
            PlaywrightAssertions.assertThat(page.getByLabel("Position")).hasValue("seated");
            PlaywrightAssertions.assertThat(page.locator("#ex-holdSeconds-max")).hasValue("30");
            assertThat(page.locator("input[name='regions'][value='neck']").isChecked()).isTrue();

            // break three fields; the catalog's 400 lists them and the page puts each message beside its field
            page.locator("#ex-en-name").fill("");
            page.locator("#ex-duration").fill("2");
            page.locator("#ex-de-steps").fill("");
            page.locator("#exercise-replace").click();
            PlaywrightAssertions.assertThat(page.locator("#ex-en-name-error")).hasText("must not be blank");
            PlaywrightAssertions.assertThat(page.locator("#ex-duration-error")).hasText("must be greater than or equal to 5");
            PlaywrightAssertions.assertThat(page.locator("#ex-de-steps-error")).hasText("must not be empty");
            PlaywrightAssertions.assertThat(page.locator("#ex-en-name")).hasAttribute("aria-invalid", "true");
            PlaywrightAssertions.assertThat(page.locator("#ex-en-name")).hasAttribute("aria-describedby", "ex-en-name-error");
            PlaywrightAssertions.assertThat(page.locator("#exercise-status")).hasText("Please correct the marked fields.");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("admin-exercise-field-errors.png")).setFullPage(true));

            // fixed with the keyboard-reachable controls; what is sent is the catalog's ExerciseInput
            page.locator("#ex-en-name").fill("Neck side stretch");
            page.locator("#ex-duration").fill("45");
            page.locator("#ex-de-steps").fill("Aufrecht sitzen.\nOhr Richtung Schulter neigen.\n");
            page.locator("input[name='regions'][value='shoulders']").check();
            Request sent = page.waitForRequest(r -> r.method().equals("PUT"), () -> page.locator("#exercise-replace").click());
            PlaywrightAssertions.assertThat(page.locator("#exercise-status")).hasText("Saved.");
            assertThat(page.locator(".field-error").count()).isZero();
            JsonNode body = readJson(sent.postData());
            assertThat(sent.url()).endsWith("/api/catalog/exercises/neck-side-stretch");
            assertThat(body.path("regions").toString()).isEqualTo("[\"neck\",\"shoulders\"]");
            assertThat(body.path("durationSeconds").asInt()).isEqualTo(45);
            assertThat(body.path("dose").path("holdSeconds").path("min").asInt()).isEqualTo(15);
            assertThat(body.path("dose").path("perSide").asBoolean()).isTrue();
            assertThat(body.path("text").path("de").path("steps").size()).isEqualTo(2);
            assertThat(body.path("source").asText()).isEqualTo("desk-stretches");
            assertThat(body.path("progression").path("firstTimeHoldSeconds").asInt()).isEqualTo(5);

            // the same form in German
            page.navigate(gateway() + "/admin?lang=de");
            PlaywrightAssertions.assertThat(page.getByLabel("Dauer einer Pause (Sekunden)")).isVisible();
            PlaywrightAssertions.assertThat(page.locator("#ex-regions-group legend")).hasText("Körperregionen");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("admin-exercise-form-de.png")).setFullPage(true));
        }
    }

    private static JsonNode readJson(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
