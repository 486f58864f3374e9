package io.wellness.gateway.web;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
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
        // a correlation id, not a secret: a random UUID v4 from the thread's generator, without SecureRandom's lock
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new UUID(high, low).toString();
    }
}
