package com.reelay.postgres.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChatLeasesTest {

    private final FleetRig fleet = new FleetRig();

    @AfterEach
    void close() {
        fleet.close();
    }

    @Test
    void theFirstToAskOwnsTheChatWhileItLives() {
        FleetRig.Member a = fleet.join("a");
        FleetRig.Member b = fleet.join("b");
        ChatLease lease = a.leases.acquire("telegram:1").orElseThrow();
        assertEquals(new ChatLease("telegram:1", "a", 1), lease);
        assertEquals(Optional.empty(), b.leases.acquire("telegram:1"));
        fleet.clock.advance(Duration.ofSeconds(14));
        a.membership.heartbeat();
        b.membership.heartbeat();
        fleet.clock.advance(Duration.ofSeconds(14));
        assertEquals(Optional.empty(), b.leases.acquire("telegram:1"), "a heartbeat renews every lease of its instance");
        assertEquals(Optional.of(lease), a.leases.acquire("telegram:1"), "asking again changes nothing");
        assertEquals(new ChatLease("telegram:2", "b", 1), b.leases.acquire("telegram:2").orElseThrow(), "chats are independent");
    }

    @Test
    void afterItsOwnerDiesAnotherTakesTheChatAndTheOldLeaseIsFenced() {
        FleetRig.Member a = fleet.join("a");
        FleetRig.Member b = fleet.join("b");
        ChatLease old = a.leases.acquire("telegram:1").orElseThrow();
        a.inbox.offer("telegram", "1", "telegram:1", "first");
        fleet.clock.advance(Duration.ofSeconds(16));
        b.membership.heartbeat();

        ChatLease taken = b.leases.acquire("telegram:1").orElseThrow();
        assertEquals(new ChatLease("telegram:1", "b", 2), taken);
        assertFalse(a.leases.holds(old));
        assertTrue(b.leases.holds(taken));
        assertEquals(Optional.empty(), a.inbox.next(old), "the former owner can take nothing");
        assertEquals(Optional.empty(), a.leases.acquire("telegram:1"), "nor take the chat back while the new owner lives");
        assertEquals("first", b.inbox.next(taken).orElseThrow().payload());
    }

    @Test
    void anExpelledInstanceNeitherTakesNorKeepsNorWorksAChatWhateverItBelieves() {
        FleetRig.Member a = fleet.join("a");
        FleetRig.Member b = fleet.join("b");
        ChatLease mine = a.leases.acquire("telegram:1").orElseThrow();
        a.inbox.offer("telegram", "1", "telegram:1", "first");
        fleet.clock.advance(Duration.ofSeconds(16)); // a stalls (a long pause): b expels it
        b.membership.heartbeat();
        assertEquals(List.of("a"), b.membership.expelDead());
        // a wakes up and, before its next heartbeat tells it, goes on working: nobody has taken its chat yet.
        assertEquals(Optional.empty(), a.leases.acquire("telegram:1"), "its own chat is no longer its");
        assertEquals(Optional.empty(), a.leases.acquire("telegram:2"), "nor may it take a new one");
        assertEquals(Optional.empty(), a.inbox.next(mine), "nor read the chat's inbox under its old lease");
        assertEquals(new ChatLease("telegram:1", "b", 2), b.leases.acquire("telegram:1").orElseThrow());
    }

    @Test
    void aDeadInstancesChatsAreTakenInOneStatementAndALiveOnesStay() {
        FleetRig.Member a = fleet.join("a");
        FleetRig.Member b = fleet.join("b");
        FleetRig.Member c = fleet.join("c");
        List.of("telegram:1", "telegram:2", "telegram:3").forEach(chat -> a.leases.acquire(chat).orElseThrow());
        b.leases.acquire("telegram:4").orElseThrow();
        fleet.clock.advance(Duration.ofSeconds(16)); // a dies; b and c go on
        b.membership.heartbeat();
        c.membership.heartbeat();
        List<ChatLease> taken = c.leases.takeOver(List.of("telegram:1", "telegram:2", "telegram:3", "telegram:4", "telegram:5"));
        assertEquals(List.of(new ChatLease("telegram:1", "c", 2), new ChatLease("telegram:2", "c", 2),
                new ChatLease("telegram:3", "c", 2), new ChatLease("telegram:5", "c", 1)),
                taken.stream().sorted(java.util.Comparator.comparing(ChatLease::chatKey)).toList());
        assertEquals("b", b.leases.current("telegram:4").orElseThrow().owner(), "a live owner keeps its chat");
        assertEquals(List.of(), b.leases.takeOver(List.of("telegram:1")), "taken once");
    }

    @Test
    void instancesRacingForAnOrphanedChatHaveExactlyOneWinner() throws Exception {
        FleetRig.Member a = fleet.join("a");
        FleetRig.Member b = fleet.join("b");
        FleetRig.Member c = fleet.join("c");
        a.leases.acquire("telegram:1").orElseThrow();
        fleet.clock.advance(Duration.ofSeconds(16));
        b.membership.heartbeat();
        c.membership.heartbeat();

        CompletableFuture<Optional<ChatLease>> byB;
        CompletableFuture<Optional<ChatLease>> byC;
        // Hold the chat's row so both takeovers queue on it, then let them go together.
        try (Connection gate = fleet.database().getConnection(); Statement st = gate.createStatement()) {
            gate.setAutoCommit(false);
            st.execute("SELECT * FROM chat_leases WHERE chat_key = 'telegram:1' FOR UPDATE");
            byB = CompletableFuture.supplyAsync(() -> b.leases.acquire("telegram:1"));
            byC = CompletableFuture.supplyAsync(() -> c.leases.acquire("telegram:1"));
            fleet.awaitLockWaiters(2);
            gate.commit();
        }
        List<ChatLease> winners = java.util.stream.Stream.of(byB.get(20, TimeUnit.SECONDS), byC.get(20, TimeUnit.SECONDS))
                .flatMap(Optional::stream).toList();
        assertEquals(1, winners.size(), winners.toString());
        assertEquals(2, winners.get(0).epoch(), "one change of owner, one new epoch");
        assertEquals(winners.get(0), fleet.join("d").leases.current("telegram:1").orElseThrow());
    }
}
