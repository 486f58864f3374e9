package io.wellness.scheduler.delivery.channel;

import io.vertx.core.MultiMap;

import java.util.Optional;

/** A chat API's answer: status, body and (case-insensitive) headers. */
public record ChatResponse(int statusCode, String body, MultiMap headers) {

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }
}
