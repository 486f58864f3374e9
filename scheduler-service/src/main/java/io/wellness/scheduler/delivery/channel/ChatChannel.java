package io.wellness.scheduler.delivery.channel;

import io.wellness.common.events.BreakDueEvent;

import java.util.Optional;

/**
 * One way of putting a break in front of an employee. Implementations are stateless towards the caller: the
 * delivery service does idempotency, retries, rate limiting and events; a channel only sends one message.
 */
public interface ChatChannel {

    /** The {@code channel.type} of due events this channel delivers (slack, teams, mattermost, webhook, web). */
    String type();

    /** The rate-limit lane: deliveries of one workspace queue behind each other, never behind another workspace. */
    String workspace(BreakDueEvent event);

    RateLimits workspaceLimits(BreakDueEvent event);

    /** A limit per recipient (Slack: per channel), if the chat has one. */
    default Optional<RateLimits> recipientLimits() {
        return Optional.empty();
    }

    /** Sends the break; returns a reference to the message (for the log) or fails. */
    String deliver(BreakDueEvent event) throws DeliveryFailure;
}
