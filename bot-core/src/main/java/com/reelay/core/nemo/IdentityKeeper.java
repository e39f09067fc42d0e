package com.reelay.core.nemo;

import java.util.Optional;

/** Keeps one anonymous identity durably: its client id must be reused, never regenerated. */
public interface IdentityKeeper {

    Optional<AnonymousIdentity> load();

    void save(AnonymousIdentity identity);

    /** A keeper that forgets on restart: fine for tests and one-off tools, wrong for the bot. */
    static IdentityKeeper inMemory() {
        return new IdentityKeeper() {
            private volatile AnonymousIdentity kept;

            @Override
            public Optional<AnonymousIdentity> load() {
                return Optional.ofNullable(kept);
            }

            @Override
            public void save(AnonymousIdentity identity) {
                kept = identity;
            }
        };
    }
}
