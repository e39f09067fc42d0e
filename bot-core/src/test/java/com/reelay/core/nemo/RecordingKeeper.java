package com.reelay.core.nemo;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory keeper that records every identity saved, in order. */
final class RecordingKeeper implements IdentityKeeper {

    final List<AnonymousIdentity> saved = new CopyOnWriteArrayList<>();
    private volatile AnonymousIdentity kept;

    RecordingKeeper() {
    }

    RecordingKeeper(AnonymousIdentity initial) {
        this.kept = initial;
    }

    @Override
    public Optional<AnonymousIdentity> load() {
        return Optional.ofNullable(kept);
    }

    @Override
    public void save(AnonymousIdentity identity) {
        saved.add(identity);
        kept = identity;
    }
}
