package com.reelay.postgres;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SoleInstanceTest {

    @Test
    void aSecondInstanceOnTheSameDatabaseIsRefusedUntilTheFirstStops() {
        DatabaseSettings database = TestPostgres.freshDatabase();
        DatabaseSettings other = TestPostgres.freshDatabase();
        try (SoleInstance first = SoleInstance.take(database)) {
            SoleInstance.InUse e = assertThrows(SoleInstance.InUse.class, () -> SoleInstance.take(database));
            assertTrue(e.getMessage().startsWith("another Reelay instance is using the database " + database.url()), e.getMessage());
            SoleInstance.take(other).close();
        }
        SoleInstance.take(database).close();
    }
}
