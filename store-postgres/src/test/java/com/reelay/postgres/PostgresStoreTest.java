package com.reelay.postgres;

import com.reelay.core.store.ReelayStore;
import com.reelay.core.store.ReelayStoreContract;

/** The store contract against PostgreSQL. */
class PostgresStoreTest extends ReelayStoreContract {

    private DatabaseSettings database;

    @Override
    protected ReelayStore openFresh() {
        database = TestPostgres.freshDatabase();
        return PostgresStore.open(database);
    }

    @Override
    protected ReelayStore reopen() {
        return PostgresStore.open(database);
    }

    @Override
    protected int latestSchemaVersion() {
        return 10;
    }
}
