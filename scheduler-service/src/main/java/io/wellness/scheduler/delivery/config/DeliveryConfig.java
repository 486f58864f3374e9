package io.wellness.scheduler.delivery.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** {@code wellness.delivery.*}: how due breaks reach chat channels. Secrets are {@link Secret}s (masked). */
@ConfigMapping(prefix = "wellness.delivery")
public interface DeliveryConfig {

    /** Public base URL of this service as chat clients reach it (action links, Mattermost action URL). */
    @WithDefault("http://localhost:8082")
    String publicBaseUrl();

    /** Signs one-click action links and Mattermost action contexts. */
    Secret actionSecret();

    /** How long an action link or button stays valid. */
    @WithDefault("PT24H")
    Duration actionTtl();

    /** After this time without a successful send, the break goes to the dead-letter topic. */
    @WithDefault("PT15M")
    Duration maxDeliveryTime();

    @WithDefault("PT1S")
    Duration initialBackoff();

    @WithDefault("PT2M")
    Duration maxBackoff();

    /** Timeout of one HTTP call to a chat API. */
    @WithDefault("PT5S")
    Duration requestTimeout();

    /** How often pending retries are looked up. */
    @WithDefault("PT1S")
    Duration retryPollInterval();

    /**
     * A claimed delivery is taken over by another replica after this time without renewal (the claiming one died).
     * The claiming replica renews the leases of what it still works on every third of this, so it can be short.
     */
    @WithDefault("PT1M")
    Duration lease();

    /**
     * Deliveries this replica holds in memory at most (waiting in a workspace's queue or being sent). Beyond it a
     * claimed delivery stays in the delivery log only, and the retry sweep starts it when there is room: memory
     * stays bounded whatever the backlog (a rate-limited workspace, a slow chat API, a day's backlog on Kafka).
     */
    @WithDefault("5000")
    int maxInFlight();

    /**
     * Claim lanes: due events are claimed on this many lanes side by side, each partition of the due topic always on
     * the same lane (so one employee's events stay in order); each lane holds one database connection while claiming.
     * One lane measured best on 2 cores (4 lanes: twice the statements for the same events, and a slower p99); more
     * can pay off where the database has cores to spare.
     */
    @WithDefault("1")
    int claimLanes();

    /** Deliveries in flight at once per workspace; more wait in that workspace's queue only. */
    @WithDefault("64")
    int workspaceConcurrency();

    /** Open inbox event streams at most (each holds a subscription to its employee's inbox changes). */
    @WithDefault("2000")
    int maxInboxStreams();

    /** On connect, an inbox stream first sends what changed this long ago or later (covers page load to connect). */
    @WithDefault("PT5M")
    Duration inboxStreamCatchUp();

    Slack slack();

    Teams teams();

    Mattermost mattermost();

    Webhook webhook();

    interface Slack {
        @WithDefault("https://slack.com/api")
        String apiUrl();

        Optional<Secret> botToken();

        Optional<Secret> signingSecret();

        /** Workspace (team) id: the rate-limit lane of this Slack app. */
        @WithDefault("default")
        String workspace();

        /** response_url values must start with this (they come from Slack; anything else is refused). */
        @WithDefault("https://hooks.slack.com/")
        String responseUrlPrefix();

        /** Accepted age of X-Slack-Request-Timestamp (Slack recommends five minutes). */
        @WithDefault("PT5M")
        Duration maxRequestAge();

        /** Slack: about one message per second per channel, short bursts allowed. */
        @WithDefault("1")
        double perRecipientPerSecond();

        @WithDefault("3")
        int perRecipientBurst();

        @WithDefault("20")
        double workspacePerSecond();

        @WithDefault("60")
        int workspaceBurst();
    }

    interface Teams {
        Optional<String> appId();

        Optional<Secret> appPassword();

        @WithDefault("https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token")
        String loginUrl();

        @WithDefault("https://api.botframework.com/.default")
        String scope();

        /** Bot Framework connector base URL of the tenant's region (the serviceUrl of its activities). */
        @WithDefault("https://smba.trafficmanager.net/teams/")
        String serviceUrl();

        @WithDefault("https://login.botframework.com/v1/.well-known/openidconfiguration")
        String openIdMetadataUrl();

        @WithDefault("https://api.botframework.com")
        String issuer();

        @WithDefault("PT24H")
        Duration keyCacheTime();

        @WithDefault("PT5M")
        Duration clockSkew();

        @WithDefault("10")
        double workspacePerSecond();

        @WithDefault("20")
        int workspaceBurst();
    }

    interface Mattermost {
        Optional<Secret> webhookUrl();

        @WithDefault("10")
        double workspacePerSecond();

        @WithDefault("20")
        int workspaceBurst();
    }

    interface Webhook {
        /** Named endpoints; a break's channel address names one. */
        Map<String, Endpoint> endpoints();

        interface Endpoint {
            Secret url();

            Secret secret();

            @WithDefault("20")
            double perSecond();

            @WithDefault("40")
            int burst();
        }
    }
}
