package io.wellness.common.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.UUID;

/**
 * Name-based (version 5, SHA-1) UUIDs: the same inputs give the same id on every replica and after every restart,
 * so a re-sent event is recognised as the same event by every consumer.
 */
public final class DeterministicIds {
    /** Namespace of the platform's ids (a fixed random UUID). */
    private static final UUID NAMESPACE = UUID.fromString("6f1b9c2e-4d0a-4f7e-9a51-2b8f3c7d1e90");
    /**
     * SHA-1 already fed with the namespace, cloned per id: looking the algorithm up through the security providers
     * cost more than hashing the name (a burst derives a hundred thousand break ids).
     */
    private static final MessageDigest NAMESPACED_SHA1 = namespacedSha1();

    private DeterministicIds() {
    }

    /** A break is one employee's break due at one instant. */
    public static UUID breakId(String employeeId, Instant dueAt) {
        return nameBased("break|" + employeeId + "|" + dueAt.toEpochMilli());
    }

    /** One outcome per break and outcome kind: a double click or a retried callback gives the same id. */
    public static UUID outcomeId(UUID breakId, BreakOutcome outcome, int snoozeNumber) {
        return nameBased("outcome|" + breakId + "|" + outcome.wireName() + "|" + (outcome == BreakOutcome.SNOOZED ? snoozeNumber : 0));
    }

    public static UUID nameBased(String name) {
        try {
            MessageDigest sha1 = (MessageDigest) NAMESPACED_SHA1.clone();
            byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            long msb = 0;
            long lsb = 0;
            for (int i = 0; i < 8; i++) {
                msb = (msb << 8) | (hash[i] & 0xff);
            }
            for (int i = 8; i < 16; i++) {
                lsb = (lsb << 8) | (hash[i] & 0xff);
            }
            return new UUID(msb, lsb);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the platform's SHA-1 cannot be cloned", e);
        }
    }

    private static MessageDigest namespacedSha1() {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(uuidBytes(NAMESPACE));
            // fail at class initialisation, not at the first id, if this provider's digest cannot be copied
            sha1.clone();
            return sha1;
        } catch (NoSuchAlgorithmException | CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-1 (cloneable) is required by every Java platform", e);
        }
    }

    private static byte[] uuidBytes(UUID uuid) {
        byte[] bytes = new byte[16];
        long msb = uuid.getMostSignificantBits();
        long lsb = uuid.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (msb >>> (8 * (7 - i)));
            bytes[8 + i] = (byte) (lsb >>> (8 * (7 - i)));
        }
        return bytes;
    }
}
