package io.wellness.tracking.service;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PrivacyRulesTest {

    @Test
    void aLoneSmallTeamTakesTheSmallestReleasedTeamWithIt() {
        assertThat(PrivacyRules.suppressedTeams(Map.of("design", 3, "sales", 5, "engineering", 7), Set.of(), 5))
                .containsExactlyInAnyOrder("design", "sales");
    }

    @Test
    void smallTeamsThatTogetherReachTheThresholdNeedNoComplement() {
        assertThat(PrivacyRules.suppressedTeams(Map.of("a", 3, "b", 4, "c", 9), Set.of(), 5))
                .containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void noSmallTeamNothingSuppressed() {
        assertThat(PrivacyRules.suppressedTeams(Map.of("a", 5, "b", 40), Set.of(), 5)).isEmpty();
    }

    @Test
    void aTeamSuppressedForOverlapCountsTowardsTheComplement() {
        assertThat(PrivacyRules.suppressedTeams(Map.of("a", 6, "b", 7, "c", 8), Set.of("a"), 5)).containsExactly("a");
    }

    @Test
    void suppressedDaysAreExposedByTheirWeekWhenFewOrComplementary() {
        assertThat(PrivacyRules.suppressedDaysExposed(0, false, 5)).isFalse();
        assertThat(PrivacyRules.suppressedDaysExposed(2, false, 5)).isTrue();
        assertThat(PrivacyRules.suppressedDaysExposed(6, false, 5)).isFalse();
        assertThat(PrivacyRules.suppressedDaysExposed(6, true, 5)).isTrue();
    }
}
