package io.wellness.infra.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One generated request. {@code refusedWith} lists the statuses a correct service may answer (empty: any status
 * below 500 is fine); {@code echoes} are the hostile strings in it, which a service may repeat in an error
 * message without that counting as a leak.
 */
public record FuzzCase(Kind kind, String what, String method, String target, Map<String, String> headers, byte[] body,
                       Set<Integer> refusedWith, List<String> echoes) {

    public enum Kind {
        BASELINE, MALFORMED_JSON, WRONG_TYPE, MISSING_REQUIRED, EMPTY_BODY, HUGE_BODY, DEEP_NESTING, LONG_STRING,
        WRONG_MEDIA_TYPE, INJECTION, UNKNOWN_ID, FOREIGN_ID, BAD_PARAMETER, METHOD_NOT_ALLOWED, HEADER, NO_TOKEN, BAD_TOKEN
    }

    public boolean mustBeRefused() {
        return !refusedWith.isEmpty();
    }

    /** A short, printable description for the failure report. */
    public String describe() {
        String shownBody = body == null ? "" : body.length > 160
                ? " body[" + body.length + " bytes]=" + printable(new String(body, 0, 120, StandardCharsets.UTF_8)) + "..."
                : " body=" + printable(new String(body, StandardCharsets.UTF_8));
        String shownHeaders = headers.entrySet().stream()
                .filter(h -> !h.getKey().equalsIgnoreCase("Authorization"))
                .map(h -> h.getKey() + ": " + printable(h.getValue().length() > 80 ? h.getValue().substring(0, 80) + "..." : h.getValue()))
                .reduce((a, b) -> a + ", " + b).map(h -> " headers{" + h + "}").orElse("");
        return kind + " (" + what + ") " + method + " " + printable(target.length() > 200 ? target.substring(0, 200) + "..." : target)
                + shownHeaders + shownBody;
    }

    static String printable(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n").replace("\u0000", "\\0");
    }
}
