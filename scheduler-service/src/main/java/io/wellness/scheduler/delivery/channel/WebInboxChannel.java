package io.wellness.scheduler.delivery.channel;

import io.wellness.common.events.BreakDueEvent;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The web inbox, the default channel of the local stack: the break is "sent" by being written to the inbox, which
 * the delivery service does for every sent break; the employee's page reads it (list and event stream).
 */
@ApplicationScoped
public class WebInboxChannel implements ChatChannel {
    /** Writing a database row: no external API to protect, only the database's own pace. */
    private static final RateLimits LIMITS = new RateLimits(10_000, 10_000);

    @Override
    public String type() {
        return "web";
    }

    @Override
    public String workspace(BreakDueEvent event) {
        return "web";
    }

    @Override
    public RateLimits workspaceLimits(BreakDueEvent event) {
        return LIMITS;
    }

    @Override
    public String deliver(BreakDueEvent event) {
        return "inbox/" + event.employeeId();
    }
}
