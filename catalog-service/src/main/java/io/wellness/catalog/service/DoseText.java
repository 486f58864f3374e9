package io.wellness.catalog.service;

import io.wellness.catalog.domain.Dose;
import io.wellness.catalog.domain.Range;

import java.util.ArrayList;
import java.util.List;

/** The dose as one human-readable line, e.g. "Hold 10 s · 2–3 rounds" / "10 s halten · 2–3 Durchgänge". */
public final class DoseText {
    private static final String SEPARATOR = " \u00b7 ";

    private DoseText() {
    }

    public static String of(Dose dose, int durationSeconds, String language) {
        return "de".equals(language) ? german(dose, durationSeconds) : english(dose, durationSeconds);
    }

    private static String english(Dose dose, int durationSeconds) {
        List<String> parts = new ArrayList<>();
        String side = dose.perSide() ? " per side" : "";
        if (dose.reps() != null) {
            parts.add(dose.reps().format() + (isOne(dose.reps()) ? " rep" : " reps") + side
                    + (dose.holdSeconds() != null ? ", hold " + dose.holdSeconds().format() + " s each" : ""));
        } else if (dose.holdSeconds() != null) {
            parts.add("Hold " + dose.holdSeconds().format() + " s" + side);
        } else if (dose.perSide()) {
            parts.add("Both sides");
        }
        if (dose.sets() != null) {
            parts.add(dose.sets() + (dose.sets() == 1 ? " set" : " sets"));
        }
        if (dose.rounds() != null) {
            parts.add(dose.rounds().format() + (isOne(dose.rounds()) ? " round" : " rounds"));
        }
        if (dose.timesPerDay() != null) {
            parts.add(dose.timesPerDay().format() + "\u00d7 a day");
        }
        if (dose.timesPerWeek() != null) {
            parts.add(dose.timesPerWeek().format() + "\u00d7 a week");
        }
        if (parts.isEmpty()) {
            parts.add("Once, about " + durationSeconds + " s");
        }
        return capitalise(String.join(SEPARATOR, parts));
    }

    private static String german(Dose dose, int durationSeconds) {
        List<String> parts = new ArrayList<>();
        String side = dose.perSide() ? " pro Seite" : "";
        if (dose.reps() != null) {
            parts.add(dose.reps().format() + (isOne(dose.reps()) ? " Wiederholung" : " Wiederholungen") + side
                    + (dose.holdSeconds() != null ? ", jeweils " + dose.holdSeconds().format() + " s halten" : ""));
        } else if (dose.holdSeconds() != null) {
            parts.add(dose.holdSeconds().format() + " s halten" + side);
        } else if (dose.perSide()) {
            parts.add("Beide Seiten");
        }
        if (dose.sets() != null) {
            parts.add(dose.sets() + (dose.sets() == 1 ? " Satz" : " S\u00e4tze"));
        }
        if (dose.rounds() != null) {
            parts.add(dose.rounds().format() + (isOne(dose.rounds()) ? " Durchgang" : " Durchg\u00e4nge"));
        }
        if (dose.timesPerDay() != null) {
            parts.add(dose.timesPerDay().format() + "\u00d7 t\u00e4glich");
        }
        if (dose.timesPerWeek() != null) {
            parts.add(dose.timesPerWeek().format() + "\u00d7 pro Woche");
        }
        if (parts.isEmpty()) {
            parts.add("Einmal, etwa " + durationSeconds + " s");
        }
        return capitalise(String.join(SEPARATOR, parts));
    }

    private static boolean isOne(Range range) {
        return range.min() == 1 && range.max() == 1;
    }

    private static String capitalise(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
