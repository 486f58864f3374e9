package io.wellness.catalog.rest;

import io.wellness.catalog.domain.Vocabulary;

/** Picks the response language from Accept-Language: the supported one with the highest weight, else English. */
public final class Languages {

    private Languages() {
    }

    public static String negotiate(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return Vocabulary.DEFAULT_LANGUAGE;
        }
        String chosen = Vocabulary.DEFAULT_LANGUAGE;
        double chosenWeight = 0;
        for (String range : acceptLanguage.split(",", 20)) {
            String[] parts = range.trim().split(";");
            String tag = parts[0].trim().toLowerCase(java.util.Locale.ROOT);
            int dash = tag.indexOf('-');
            String primary = dash > 0 ? tag.substring(0, dash) : tag;
            double weight = weight(parts);
            if (weight > chosenWeight && Vocabulary.LANGUAGES.contains(primary)) {
                chosen = primary;
                chosenWeight = weight;
            }
        }
        return chosen;
    }

    private static double weight(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (parameter.startsWith("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
