package com.reelay.core.nemo;

import java.util.Optional;

/**
 * Who a call is made for: a fixed token (NEMO_TOKEN, a registered account) or an anonymous
 * identity whose client id is generated once and kept by an {@link IdentityKeeper}.
 * Thread-safe. {@link #toString()} never shows the token.
 */
public final class NemoAuth {

    private final String fixedToken;
    private final IdentityKeeper keeper;
    private AnonymousIdentity identity;

    private NemoAuth(String fixedToken, IdentityKeeper keeper) {
        this.fixedToken = fixedToken;
        this.keeper = keeper;
    }

    /** A registered account's token: shared by every chat, never refreshed. */
    public static NemoAuth fixedToken(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("token must not be blank");
        }
        return new NemoAuth(token.strip(), null);
    }

    /** An anonymous identity, loaded from and saved to {@code keeper}. */
    public static NemoAuth anonymous(IdentityKeeper keeper) {
        return new NemoAuth(null, java.util.Objects.requireNonNull(keeper, "keeper"));
    }

    public boolean isAnonymous() {
        return fixedToken == null;
    }

    /** The kept anonymous identity, if any (loading it from the keeper on first use). */
    public synchronized Optional<AnonymousIdentity> identity() {
        if (isAnonymous() && identity == null) {
            identity = keeper.load().orElse(null);
        }
        return Optional.ofNullable(identity);
    }

    /** The anonymous user id ("bind id") that links credits to a registration; empty for fixed tokens. */
    public Optional<String> bindId() {
        return identity().map(AnonymousIdentity::userId).filter(id -> !id.isBlank());
    }

    /** The token to send now, if one is known. */
    public synchronized Optional<String> currentToken() {
        if (!isAnonymous()) {
            return Optional.of(fixedToken);
        }
        return identity().map(AnonymousIdentity::token).filter(t -> !t.isBlank());
    }

    /** Records a new anonymous identity (a fresh or refreshed token) and keeps it. */
    public synchronized void update(AnonymousIdentity fresh) {
        if (!isAnonymous()) {
            throw new IllegalStateException("a fixed token is never refreshed");
        }
        identity = fresh;
        keeper.save(fresh);
    }

    @Override
    public String toString() {
        return isAnonymous() ? "NemoAuth[anonymous]" : "NemoAuth[token]";
    }
}
