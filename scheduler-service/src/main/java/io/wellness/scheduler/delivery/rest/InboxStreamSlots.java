package io.wellness.scheduler.delivery.rest;

import io.wellness.scheduler.delivery.config.DeliveryConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.Semaphore;

/** The bound on open inbox streams (each holds a subscription and reads on change), shared by all requests. */
@ApplicationScoped
public class InboxStreamSlots {
    private final Semaphore semaphore;

    public InboxStreamSlots(DeliveryConfig config) {
        this.semaphore = new Semaphore(config.maxInboxStreams());
    }

    Semaphore semaphore() {
        return semaphore;
    }
}
