package com.reelay.core.nemo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.core.nemo.AnonymousIdentity;
import com.reelay.core.nemo.IdentityKeeper;
import com.reelay.core.nemo.NemoAuth;
import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void redactionMasksSecretsAndTokenShapes() {
        NemoAuth auth = NemoAuth.anonymous(IdentityKeeper.inMemory());
        auth.update(new AnonymousIdentity("my-client-id", "tok123456", "u-55555", null));
        String cleaned = Redaction.clean("bad tok123456 for my-client-id (u-55555); also nmv_usr_abc and "
                + "Bearer xyz and 123e4567-e89b-12d3-a456-426614174000 and anon_9", auth);
        for (String secret : new String[] {"tok123456", "my-client-id", "u-55555", "nmv_usr_abc", "xyz",
                "123e4567", "anon_9"}) {
            assertFalse(cleaned.contains(secret), cleaned);
        }
        assertTrue(cleaned.startsWith("bad ***"));
        assertEquals(161, Redaction.clean("x".repeat(500), null).length());
        assertEquals("a b", Redaction.clean("a\nb", null));
    }
}
