package io.wellness.catalog.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The seed file and the article facts, read the way a reviewer would read them. */
final class SeedContent {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SeedContent() {
    }

    static JsonNode seed() {
        return read("catalog/exercises.json");
    }

    static List<String> seedIds() {
        List<String> ids = new ArrayList<>();
        seed().path("exercises").forEach(e -> ids.add(e.path("id").asText()));
        return ids;
    }

    static JsonNode articleFacts() {
        return read("catalog/article-facts.json");
    }

    private static JsonNode read(String resource) {
        try (InputStream in = SeedContent.class.getClassLoader().getResourceAsStream(resource)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
