package com.reelay.postgres.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.ChatUser;
import com.reelay.core.guard.GuardRails;
import com.reelay.core.guard.GuardSettings;
import com.reelay.core.guard.PromptLog;
import com.reelay.core.guard.Refusal;
import com.reelay.postgres.PostgresStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Guard quotas hold fleet-wide: two instances checking the last prompt of an allowance take turns. */
class FleetGuardTest {

    private static final GuardSettings ONE_PER_CHAT_HOUR = new GuardSettings(List.of(), List.of(), List.of(), 10, 1, 10);
    private static final ChatRef CHAT = new ChatRef("telegram", "77");

    private final FleetRig rig = new FleetRig();
    /** The second instance's own pool on the same database. */
    private final PostgresStore other = PostgresStore.open(rig.settings());

    @AfterEach
    void close() {
        other.close();
        rig.close();
    }

    @Test
    void theLastPromptOfAnAllowanceGoesThroughOneInstanceOnly() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // Instance a stops between reading the counts and recording its prompt.
        PromptLog pausing = new PromptLog() {
            @Override
            public List<Instant> promptsSince(String key, Instant since) {
                reading.countDown();
                try {
                    assertTrue(release.await(20, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return rig.store.promptsSince(key, since);
            }

            @Override
            public void recordPrompt(List<String> keys, Instant at, Instant forgetBefore) {
                rig.store.recordPrompt(keys, at, forgetBefore);
            }

            @Override
            public <T> T exclusively(List<String> keys, Supplier<T> check) {
                return rig.store.exclusively(keys, check);
            }
        };
        GuardRails a = new GuardRails(ONE_PER_CHAT_HOUR, Clock.systemUTC(), pausing);
        GuardRails b = new GuardRails(ONE_PER_CHAT_HOUR, Clock.systemUTC(), other);

        CompletableFuture<Optional<Refusal>> first = CompletableFuture.supplyAsync(
                () -> a.takePrompt(CHAT, new ChatUser("1", "Ann", "en")));
        assertTrue(reading.await(20, TimeUnit.SECONDS));
        CompletableFuture<Optional<Refusal>> second = CompletableFuture.supplyAsync(
                () -> b.takePrompt(CHAT, new ChatUser("2", "Bo", "en")));
        rig.awaitLockWaiters(1); // b waits on a's lock instead of reading counts a has not written yet
        release.countDown();

        assertEquals(Optional.empty(), first.get(20, TimeUnit.SECONDS), "a's prompt goes through");
        Optional<Refusal> refused = second.get(20, TimeUnit.SECONDS);
        assertTrue(refused.isPresent() && refused.get() instanceof Refusal.OverLimit, "b's is over the chat's hour: " + refused);
    }
}
