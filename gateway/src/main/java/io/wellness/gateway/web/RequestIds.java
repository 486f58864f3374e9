package io.wellness.gateway.web;

import java.util.UUID;
import java.util.regex.Pattern;

/** The correlation id every request carries through the gateway to the services (and from there into Kafka headers). */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    // a caller-chosen id is kept only when it is short and harmless in logs and headers
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{8,64}");

    private RequestIds() {
    }

    public static String acceptOrCreate(String incoming) {
        if (incoming != null && ACCEPTABLE.matcher(incoming).matches()) {
            return incoming;
        }
        return UUID.randomUUID().toString();
    }
}
