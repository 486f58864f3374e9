package io.wellness.catalog.domain;

import java.util.List;

/**
 * The closed vocabularies of the catalog. The regular expressions are used by Bean Validation so a request with
 * several wrong values is answered with every one of them at once.
 */
public final class Vocabulary {
    public static final List<String> REGIONS = List.of("neck", "shoulders", "upper-back", "mid-back", "lower-back", "hips");
    public static final List<String> POSITIONS = List.of("standing", "seated", "lying", "all-fours");
    /** "none" may be sent to say "I have no equipment"; exercises needing nothing list no equipment. */
    public static final List<String> EQUIPMENT = List.of("none", "chair", "wall", "desk", "foam-roller", "resistance-band");
    public static final List<String> SETTINGS = List.of("at-desk", "needs-floor-space", "at-home");
    public static final List<String> KINDS = List.of("stretch", "mobility", "strengthening");
    public static final List<String> INTENSITIES = List.of("light", "moderate", "vigorous");
    public static final List<String> LANGUAGES = List.of("en", "de");
    public static final String DEFAULT_LANGUAGE = "en";

    public static final String REGION_PATTERN = "neck|shoulders|upper-back|mid-back|lower-back|hips";
    public static final String POSITION_PATTERN = "standing|seated|lying|all-fours";
    public static final String EQUIPMENT_PATTERN = "none|chair|wall|desk|foam-roller|resistance-band";
    public static final String SETTING_PATTERN = "at-desk|needs-floor-space|at-home";
    public static final String KIND_PATTERN = "stretch|mobility|strengthening";
    public static final String INTENSITY_PATTERN = "light|moderate|vigorous";
    public static final String ID_PATTERN = "[a-z0-9]+(-[a-z0-9]+)*";

    private Vocabulary() {
    }

    public static String oneOf(List<String> values) {
        return "must be one of " + String.join(", ", values);
    }
}
