package io.wellness.common.security.tokencache;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedBearerTokensTest {
    private static final long NOW = 1_800_000_000_000L;
    private static final SecurityIdentity ALICE = QuarkusSecurityIdentity.builder()
            .setPrincipal(() -> "alice").addRole("employee").build();

    @Test
    void answersAVerifiedTokenUntilItsOwnExpiry() {
        VerifiedBearerTokens tokens = new VerifiedBearerTokens(100, 60_000);
        long exp = NOW / 1000 + 10;
        assertThat(tokens.remember("header.claims.signature", ALICE, exp, NOW)).isTrue();
        assertThat(tokens.find("header.claims.signature", NOW)).isSameAs(ALICE);
        assertThat(tokens.find("header.claims.signature", exp * 1000 - 1)).isSameAs(ALICE);
        assertThat(tokens.find("header.claims.signature", exp * 1000)).isNull(); // expired: verified again (and refused)
        assertThat(tokens.size()).isZero();
    }

    @Test
    void forgetsATokenAfterTheTimeToLiveEvenIfItLivesLonger() {
        VerifiedBearerTokens tokens = new VerifiedBearerTokens(100, 30_000);
        tokens.remember("t", ALICE, NOW / 1000 + 300, NOW);
        assertThat(tokens.find("t", NOW + 29_999)).isSameAs(ALICE);
        assertThat(tokens.find("t", NOW + 30_000)).isNull();
    }

    @Test
    void anyOtherTokenIsUnknownEvenWithTheSameClaims() {
        VerifiedBearerTokens tokens = new VerifiedBearerTokens(100, 30_000);
        tokens.remember("header.claims.signature", ALICE, NOW / 1000 + 300, NOW);
        assertThat(tokens.find("header.claims.forged-signature", NOW)).isNull();
        assertThat(tokens.find("header.claims.signature ", NOW)).isNull();
    }

    @Test
    void doesNotRememberExpiredTokensOrTokensWithoutExpiry() {
        VerifiedBearerTokens tokens = new VerifiedBearerTokens(100, 30_000);
        assertThat(tokens.remember("expired", ALICE, NOW / 1000, NOW)).isFalse();
        assertThat(tokens.remember("no-exp", ALICE, 0, NOW)).isFalse();
        assertThat(tokens.size()).isZero();
    }

    @Test
    void staysWithinItsBoundAndMakesRoomByDroppingExpiredEntries() {
        VerifiedBearerTokens tokens = new VerifiedBearerTokens(2, 30_000);
        assertThat(tokens.remember("a", ALICE, NOW / 1000 + 5, NOW)).isTrue();
        assertThat(tokens.remember("b", ALICE, NOW / 1000 + 300, NOW)).isTrue();
        assertThat(tokens.remember("c", ALICE, NOW / 1000 + 300, NOW)).isFalse(); // full: verified per request instead
        assertThat(tokens.find("c", NOW)).isNull();
        assertThat(tokens.remember("c", ALICE, NOW / 1000 + 300, NOW + 5_000)).isTrue(); // "a" expired and was dropped
        assertThat(tokens.size()).isEqualTo(2);
        assertThat(tokens.find("a", NOW + 5_000)).isNull();
    }

    @Test
    void zeroEntriesTurnsTheCacheOff() {
        VerifiedBearerTokens tokens = new VerifiedBearerTokens(0, 30_000);
        assertThat(tokens.remember("t", ALICE, NOW / 1000 + 300, NOW)).isFalse();
        assertThat(tokens.find("t", NOW)).isNull();
    }

    @Test
    void theKeyIsTheSha256OfTheWholeTokenWhateverWasHashedBefore() throws Exception {
        String token = "header.claims.signature";
        String expected = java.util.Base64.getEncoder().withoutPadding().encodeToString(
                java.security.MessageDigest.getInstance("SHA-256").digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(VerifiedBearerTokens.key(token)).isEqualTo(expected);
        assertThat(VerifiedBearerTokens.key(token)).isEqualTo(expected); // answered from the thread's last token
        assertThat(VerifiedBearerTokens.key(token + "x")).isNotEqualTo(expected);
        assertThat(VerifiedBearerTokens.key(new String(token.toCharArray()))).isEqualTo(expected);
    }

    @Test
    void theLastTokenComparisonMatchesOnlyTheSameWholeToken() {
        assertThat(VerifiedBearerTokens.sameToken("header.claims.signature", "header.claims.signature")).isTrue();
        assertThat(VerifiedBearerTokens.sameToken("header.claims.signaturf", "header.claims.signature")).isFalse();
        assertThat(VerifiedBearerTokens.sameToken("header.claims.signature", "header.claims.signature.")).isFalse();
        assertThat(VerifiedBearerTokens.sameToken("header.claims.signature", null)).isFalse();
    }
}
