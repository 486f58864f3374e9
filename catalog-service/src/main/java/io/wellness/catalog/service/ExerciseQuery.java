package io.wellness.catalog.service;

import java.util.List;

/**
 * A validated list query. {@code equipment == null} means "do not filter by equipment"; otherwise an exercise fits
 * when everything it needs is in the list. Region, position, setting and kind match any of the given values.
 */
public record ExerciseQuery(List<String> regions, List<String> positions, List<String> equipment,
                            List<String> settings, List<String> kinds, Integer maxDuration, String text,
                            boolean includeRetired, int page, int size) {
    public static final int MAX_PAGE_SIZE = 100;
    public static final int DEFAULT_PAGE_SIZE = 20;

    /** The query as a canonical query string (without page/size), also the cache key of its results. */
    public String filterQueryString() {
        StringBuilder query = new StringBuilder();
        append(query, "region", regions);
        append(query, "position", positions);
        if (equipment != null) {
            append(query, "equipment", equipment.isEmpty() ? List.of("none") : equipment);
        }
        append(query, "setting", settings);
        append(query, "kind", kinds);
        if (maxDuration != null) {
            append(query, "maxDuration", List.of(maxDuration.toString()));
        }
        if (text != null) {
            append(query, "q", List.of(java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8)));
        }
        if (includeRetired) {
            append(query, "includeRetired", List.of("true"));
        }
        return query.toString();
    }

    private static void append(StringBuilder query, String name, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        if (!query.isEmpty()) {
            query.append('&');
        }
        query.append(name).append('=').append(String.join(",", values));
    }
}
