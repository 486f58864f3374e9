package io.wellness.infra.fuzz;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A raw HTTP answer: status, headers (lower-case names) and the body as text. */
public record Answer(int status, Map<String, List<String>> headers, String body) {

    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    public String contentType() {
        String type = header("content-type");
        return type == null ? "" : type.toLowerCase(Locale.ROOT);
    }
}
