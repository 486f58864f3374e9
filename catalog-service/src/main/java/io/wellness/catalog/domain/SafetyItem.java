package io.wellness.catalog.domain;

import java.util.Map;

/** One piece of general safety guidance, by language. */
public record SafetyItem(String id, Map<String, String> text) {
}
