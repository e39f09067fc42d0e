package com.reelay.postgres.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InboxTest {

    private final FleetRig fleet = new FleetRig();

    @AfterEach
    void close() {
        fleet.close();
    }

    @Test
    void aPlatformIdIsTakenOnceHoweverOftenItIsDelivered() {
        FleetRig.Member a = fleet.join("a");
        FleetRig.Member b = fleet.join("b");
        assertTrue(a.inbox.offer("telegram", "1001", "telegram:1", "hi"));
        assertFalse(b.inbox.offer("telegram", "1001", "telegram:1", "hi"), "Telegram's retry through another instance");
        assertFalse(a.inbox.offer("telegram", "1001", "telegram:1", "hi"));
        assertTrue(a.inbox.offer("discord", "1001", "discord:9", "hi"), "ids are per platform");
        assertEquals(List.of("telegram:1", "discord:9"), a.inbox.chatsWaiting());
    }

    @Test
    void theOwnerTakesRequestsInArrivalOrderEachUntilItIsDone() {
        FleetRig.Member a = fleet.join("a");
        FleetRig.Member b = fleet.join("b");
        b.inbox.offer("telegram", "1", "telegram:1", "first");
        a.inbox.offer("telegram", "2", "telegram:1", "second");
        b.inbox.offer("telegram", "3", "telegram:1", "third");
        ChatLease lease = a.leases.acquire("telegram:1").orElseThrow();

        InboxItem first = a.inbox.next(lease).orElseThrow();
        assertEquals("first", first.payload());
        assertEquals("b", first.receivedBy());
        assertFalse(first.resumed());
        assertEquals(first, a.inbox.next(lease).orElseThrow(), "one at a time: until it is done it stays next");
        assertTrue(a.inbox.done(lease, first.id()));
        assertFalse(a.inbox.done(lease, first.id()), "done once");
        assertEquals("second", a.inbox.next(lease).orElseThrow().payload());
    }

    @Test
    void whatADeadOwnerHadTakenIsResumedByTheNextOwnerAndOnlyItCanFinishIt() {
        FleetRig.Member a = fleet.join("a");
        FleetRig.Member b = fleet.join("b");
        a.inbox.offer("telegram", "1", "telegram:1", "make a video");
        ChatLease old = a.leases.acquire("telegram:1").orElseThrow();
        InboxItem taken = a.inbox.next(old).orElseThrow();
        fleet.clock.advance(FleetRig.DEAD_AFTER.plusSeconds(1));
        b.membership.heartbeat();
        assertEquals(List.of("a"), b.membership.expelDead());

        ChatLease lease = b.leases.acquire("telegram:1").orElseThrow();
        InboxItem resumed = b.inbox.next(lease).orElseThrow();
        assertEquals(taken.id(), resumed.id());
        assertTrue(resumed.resumed(), "the new owner knows the request may have started");
        assertFalse(a.inbox.done(old, taken.id()), "the former owner cannot finish it");
        assertTrue(b.inbox.done(lease, taken.id()));
        assertEquals(List.of(), b.inbox.chatsWaiting());
    }

    @Test
    void anOfferWakesTheOtherInstancesWithTheChat() throws Exception {
        FleetRig.Member a = fleet.join("a");
        BlockingQueue<String> woken = new LinkedBlockingQueue<>();
        try (InboxListener listener = new InboxListener(fleet.database(), woken::add, Duration.ofMillis(50)).start()) {
            a.inbox.offer("telegram", "1", "telegram:7", "hi");
            assertEquals("telegram:7", woken.poll(20, TimeUnit.SECONDS));
            a.inbox.offer("telegram", "1", "telegram:7", "hi");
            a.inbox.offer("telegram", "2", "telegram:8", "hi");
            assertEquals("telegram:8", woken.poll(20, TimeUnit.SECONDS), "a duplicate wakes nobody");
        }
    }

    @Test
    void doneRequestsAreForgottenOnlyAfterTheRedeliveryWindow() {
        FleetRig.Member a = fleet.join("a");
        a.inbox.offer("telegram", "1", "telegram:1", "hi");
        ChatLease lease = a.leases.acquire("telegram:1").orElseThrow();
        a.inbox.done(lease, a.inbox.next(lease).orElseThrow().id());
        assertEquals(0, a.inbox.forgetDoneBefore(fleet.clock.instant()));
        assertFalse(a.inbox.offer("telegram", "1", "telegram:1", "hi"), "still remembered");
        fleet.clock.advance(Duration.ofHours(24));
        assertEquals(1, a.inbox.forgetDoneBefore(fleet.clock.instant()));
    }
}
