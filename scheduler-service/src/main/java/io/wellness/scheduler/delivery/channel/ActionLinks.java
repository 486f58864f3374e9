package io.wellness.scheduler.delivery.channel;

import io.wellness.common.events.BreakDueEvent;
import io.wellness.common.events.BreakOutcome;
import io.wellness.scheduler.delivery.config.DeliveryConfig;
import io.wellness.scheduler.delivery.security.ActionToken;
import io.wellness.scheduler.delivery.security.ActionTokens;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/** Signed, expiring action tokens and one-click links for the channels that have no signed callbacks of their own. */
@ApplicationScoped
public class ActionLinks {
    public static final String LINK_PATH = "/api/scheduler/chat/actions/";
    public static final String MATTERMOST_ACTION_PATH = "/api/scheduler/chat/mattermost/actions";

    private final ActionTokens tokens;
    private final DeliveryConfig config;

    public ActionLinks(ActionTokens tokens, DeliveryConfig config) {
        this.tokens = tokens;
        this.config = config;
    }

    public Instant expiry() {
        return Instant.now().plus(config.actionTtl());
    }

    public String token(BreakDueEvent event, BreakOutcome outcome, Instant expiresAt) {
        return tokens.sign(new ActionToken(event.breakId(), event.snoozeCount(), outcome, event.employeeId(), expiresAt));
    }

    /** The three one-click links of a break, by outcome. */
    public Map<BreakOutcome, String> links(BreakDueEvent event, Instant expiresAt) {
        Map<BreakOutcome, String> links = new EnumMap<>(BreakOutcome.class);
        for (BreakOutcome outcome : BreakOutcome.values()) {
            links.put(outcome, baseUrl() + LINK_PATH + token(event, outcome, expiresAt));
        }
        return links;
    }

    public String mattermostActionUrl() {
        return baseUrl() + MATTERMOST_ACTION_PATH;
    }

    private String baseUrl() {
        String base = config.publicBaseUrl();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
