package com.reelay.core.chat.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;

class DaemonThreadsTest {

    @Test
    void threadsAreDaemonsNumberedUnderTheirPrefix() {
        ThreadFactory factory = DaemonThreads.named("reelay-test");
        Thread first = factory.newThread(() -> { });
        Thread second = factory.newThread(() -> { });
        assertEquals("reelay-test-1", first.getName());
        assertEquals("reelay-test-2", second.getName());
        assertTrue(first.isDaemon() && second.isDaemon());
    }

    @Test
    void eachFactoryCountsOnItsOwn() {
        ThreadFactory a = DaemonThreads.named("a");
        a.newThread(() -> { });
        a.newThread(() -> { });
        assertEquals("b-1", DaemonThreads.named("b").newThread(() -> { }).getName());
    }

    @Test
    void theThreadRunsTheTask() throws InterruptedException {
        boolean[] ran = new boolean[1];
        Thread thread = DaemonThreads.named("runs").newThread(() -> ran[0] = true);
        thread.start();
        thread.join();
        assertTrue(ran[0]);
    }
}
