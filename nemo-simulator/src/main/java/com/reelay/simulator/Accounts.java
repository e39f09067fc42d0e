package com.reelay.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Users, their tokens, and the anonymous-token rules (one identity per client id, a cap per IP). */
final class Accounts {
    /** A token and what it grants. Registered users' tokens have no expiry of their own. */
    record Grant(String token, String userId, Instant expiresAt, boolean revoked) {
        boolean validAt(Instant now) {
            return !revoked && (expiresAt == null || now.isBefore(expiresAt));
        }
    }

    /** The answer to an anonymous-token request: a grant, or the seconds to wait. */
    record Issue(Grant grant, long retryAfterSeconds) {
    }

    private final Clock clock;
    private final IdSource ids;
    private final Duration tokenLifetime;
    private final int tokensPerIp;
    private final Duration ipWindow;
    private final long anonymousCredits;

    private final Map<String, Account> byUser = new ConcurrentHashMap<>();
    private final Map<String, Grant> byToken = new ConcurrentHashMap<>();
    // Guarded by this: the anonymous issuing rules.
    private final Map<String, String> userByClientId = new HashMap<>();
    private final Map<String, String> latestTokenByClientId = new HashMap<>();
    private final Map<String, Deque<Instant>> newClientsByIp = new HashMap<>();

    Accounts(Clock clock, IdSource ids, Duration tokenLifetime, int tokensPerIp, Duration ipWindow, long anonymousCredits) {
        this.clock = clock;
        this.ids = ids;
        this.tokenLifetime = tokenLifetime;
        this.tokensPerIp = tokensPerIp;
        this.ipWindow = ipWindow;
        this.anonymousCredits = anonymousCredits;
    }

    String register(String token, long credits) {
        String userId = "usr_" + ids.lowerAlnum(16);
        if (byToken.putIfAbsent(token, new Grant(token, userId, null, false)) != null) {
            throw new IllegalArgumentException("that token is already registered");
        }
        byUser.put(userId, new Account(userId, false, credits));
        return userId;
    }

    /**
     * The same client id keeps its user (and balance) and gets its current token back while that
     * token is valid, else a fresh one. Only client ids new to the service count against the IP cap.
     */
    synchronized Issue issueAnonymous(String clientId, String ip) {
        Instant now = clock.instant();
        String userId = userByClientId.get(clientId);
        if (userId != null) {
            Grant current = byToken.get(latestTokenByClientId.get(clientId));
            if (current != null && current.validAt(now)) {
                return new Issue(current, 0);
            }
            return new Issue(newAnonymousGrant(clientId, userId, now), 0);
        }
        Deque<Instant> recent = newClientsByIp.computeIfAbsent(ip, k -> new ArrayDeque<>());
        while (!recent.isEmpty() && !recent.peekFirst().plus(ipWindow).isAfter(now)) {
            recent.pollFirst();
        }
        if (recent.size() >= tokensPerIp) {
            long wait = Duration.between(now, recent.peekFirst().plus(ipWindow)).toMillis();
            return new Issue(null, Math.max(1, (wait + 999) / 1000));
        }
        recent.addLast(now);
        userId = "anon_" + ids.lowerAlnum(16);
        byUser.put(userId, new Account(userId, true, anonymousCredits));
        userByClientId.put(clientId, userId);
        return new Issue(newAnonymousGrant(clientId, userId, now), 0);
    }

    private Grant newAnonymousGrant(String clientId, String userId, Instant now) {
        Grant grant = new Grant(ids.token(), userId, now.plus(tokenLifetime), false);
        byToken.put(grant.token(), grant);
        latestTokenByClientId.put(clientId, grant.token());
        return grant;
    }

    Optional<Account> authenticate(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Grant grant = byToken.get(token);
        if (grant == null || !grant.validAt(clock.instant())) {
            return Optional.empty();
        }
        return Optional.ofNullable(byUser.get(grant.userId()));
    }

    Optional<Account> account(String userId) {
        return Optional.ofNullable(byUser.get(userId));
    }

    List<UserSnapshot> all() {
        List<UserSnapshot> out = new ArrayList<>();
        for (Account a : byUser.values()) {
            out.add(a.balance());
        }
        return out;
    }

    void revoke(String token) {
        byToken.computeIfPresent(token, (t, g) -> new Grant(t, g.userId(), g.expiresAt(), true));
    }

    void revokeAll() {
        for (String token : byToken.keySet()) {
            revoke(token);
        }
    }
}
