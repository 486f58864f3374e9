package io.wellness.common.security.tokencache;

import io.quarkus.security.identity.SecurityIdentity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens whose signature and claims have already been verified, so that a client sending the same token
 * again is not verified again. Keyed by the SHA-256 of the whole token (signature included): a forged or altered
 * token never matches. An entry lives until {@code min(token exp, verified + time to live)}, so it never outlives
 * the token. Bounded: when full, expired entries are dropped and, failing that, new tokens are simply not remembered
 * (they are verified on every request as before).
 */
public final class VerifiedBearerTokens {
    // per event-loop thread: the digest, and the last token digested with its key (a client on a kept-alive
    // connection sends the same token again and again; comparing the whole token is far cheaper than hashing it)
    private static final ThreadLocal<Hasher> HASHER = ThreadLocal.withInitial(Hasher::new);

    private final int maxEntries;
    private final long timeToLiveMillis;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public VerifiedBearerTokens(int maxEntries, long timeToLiveMillis) {
        if (maxEntries < 0 || timeToLiveMillis < 0) {
            throw new IllegalArgumentException("max entries and time to live must not be negative");
        }
        this.maxEntries = maxEntries;
        this.timeToLiveMillis = timeToLiveMillis;
    }

    /** The identity verified for this token, or null when it was not verified recently or has expired since. */
    public SecurityIdentity find(String token, long nowMillis) {
        if (maxEntries == 0 || entries.isEmpty()) {
            return null;
        }
        String key = key(token);
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (nowMillis >= entry.expiresAtMillis) {
            entries.remove(key, entry);
            return null;
        }
        return entry.identity;
    }

    /**
     * Remembers a verified token and answers whether it did. {@code expirySeconds} is the token's {@code exp}
     * claim; a token that has no expiry or is already expired is not remembered, nor is any while the cache is full.
     */
    public boolean remember(String token, SecurityIdentity identity, long expirySeconds, long nowMillis) {
        if (maxEntries == 0 || expirySeconds <= 0) {
            return false;
        }
        long expiresAt = Math.min(Math.multiplyExact(expirySeconds, 1000L), nowMillis + timeToLiveMillis);
        if (expiresAt <= nowMillis) {
            return false;
        }
        if (entries.size() >= maxEntries) {
            evictExpired(nowMillis);
            if (entries.size() >= maxEntries) {
                return false;
            }
        }
        entries.put(key(token), new Entry(identity, expiresAt));
        return true;
    }

    public void evictExpired(long nowMillis) {
        entries.values().removeIf(entry -> nowMillis >= entry.expiresAtMillis);
    }

    public int size() {
        return entries.size();
    }

    static String key(String token) {
        return HASHER.get().key(token);
    }

    private static final class Hasher {
        private final MessageDigest sha256;
        private String lastToken;
        private String lastKey;

        Hasher() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
        }

        String key(String token) {
            if (sameToken(token, lastToken)) {
                return lastKey;
            }
            sha256.reset();
            String key = Base64.getEncoder().withoutPadding().encodeToString(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
            lastToken = token;
            lastKey = key;
            return key;
        }
    }

    /**
     * Constant-time for tokens of equal length (String.equals stops at the first differing character, which would
     * let a caller time how much of the previous caller's token they guessed).
     */
    static boolean sameToken(String token, String previous) {
        if (previous == null || token.length() != previous.length()) {
            return false;
        }
        int difference = 0;
        for (int i = 0; i < token.length(); i++) {
            difference |= token.charAt(i) ^ previous.charAt(i);
        }
        return difference == 0;
    }

    private record Entry(SecurityIdentity identity, long expiresAtMillis) {
    }
}
