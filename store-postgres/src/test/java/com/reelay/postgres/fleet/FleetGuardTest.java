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
import java.util.function.Function;
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
    void manyChecksAtOnceOnTheSmallestPoolNeitherDeadlockNorFail() throws Exception {
        com.reelay.postgres.DatabaseSettings db = rig.settings();
        try (PostgresStore small = PostgresStore.open(new com.reelay.postgres.DatabaseSettings(db.url(), db.user(),
                db.password(), 3))) {
            GuardRails guard = new GuardRails(new GuardSettings(List.of(), List.of(), List.of(), 1_000, 1_000, 1_000),
                    Clock.systemUTC(), small);
            java.util.concurrent.ExecutorService checkers = java.util.concurrent.Executors.newFixedThreadPool(12);
            try {
                List<CompletableFuture<Optional<Refusal>>> checks = new java.util.ArrayList<>();
                for (int i = 0; i < 120; i++) {
                    ChatRef chat = new ChatRef("telegram", String.valueOf(i % 7));
                    ChatUser user = new ChatUser(String.valueOf(i % 5), "P", "en");
                    checks.add(CompletableFuture.supplyAsync(() -> guard.takePrompt(chat, user), checkers));
                }
                for (CompletableFuture<Optional<Refusal>> check : checks) {
                    assertEquals(Optional.empty(), check.get(20, TimeUnit.SECONDS)); // each holds one connection, not two
                }
            } finally {
                checkers.shutdownNow();
            }
        }
    }

    @Test
    void theLastPromptOfAnAllowanceGoesThroughOneInstanceOnly() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // Instance a stops between reading the counts and recording its prompt.
        PromptLog pausing = new PromptLog() {
            private void pause() {
                reading.countDown();
                try {
                    assertTrue(release.await(20, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public List<Instant> promptsSince(String key, Instant since) {
                throw new AssertionError("the guard counts through the log exclusively() hands it");
            }

            @Override
            public void recordPrompt(List<String> keys, Instant at, Instant forgetBefore) {
                rig.store.recordPrompt(keys, at, forgetBefore);
            }

            @Override
            public <T> T exclusively(List<String> keys, Function<PromptLog, T> check) {
                // a's store takes the locks; the check pauses in its first read, on the locks' connection
                return rig.store.exclusively(keys, onLocks -> check.apply(new PromptLog() {
                    @Override
                    public List<Instant> promptsSince(String key, Instant since) {
                        pause();
                        return onLocks.promptsSince(key, since);
                    }

                    @Override
                    public void recordPrompt(List<String> keys2, Instant at, Instant forgetBefore) {
                        onLocks.recordPrompt(keys2, at, forgetBefore);
                    }
                }));
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
