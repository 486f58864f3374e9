package io.wellness.scheduler.delivery.rest;

/** Body of POST /api/scheduler/inbox/{breakId}/outcome: completed, snoozed or skipped. */
public record OutcomeRequest(String outcome) {
}
