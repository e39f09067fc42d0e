package com.reelay.core.nemo;

import java.time.Instant;

/**
 * An anonymous NemoVideo identity. {@code clientId} is the one thing that must survive (and,
 * like the token, stays secret: it can fetch a token): the
 * service hands out about one token per client id per week. {@code token} and {@code userId}
 * are empty until the first token is fetched; {@code expiresAt} may be null.
 */
public record AnonymousIdentity(String clientId, String token, String userId, Instant expiresAt) {

    public AnonymousIdentity {
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("clientId must not be blank");
        }
        token = token == null ? "" : token;
        userId = userId == null ? "" : userId;
    }

    public static AnonymousIdentity withoutToken(String clientId) {
        return new AnonymousIdentity(clientId, "", "", null);
    }

    public boolean hasToken() {
        return !token.isBlank();
    }

    @Override
    public String toString() {
        return "AnonymousIdentity[userId=" + userId + ", token=" + (hasToken() ? "***" : "none") + "]";
    }
}
