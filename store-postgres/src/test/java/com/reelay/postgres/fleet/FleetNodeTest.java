package com.reelay.postgres.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.core.store.QueuedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Instances of one fleet on one database, with a fake clock: heartbeats are beaten by hand. */
class FleetNodeTest {

    private final FleetRig rig = new FleetRig();
    private final List<FleetNode> nodes = new ArrayList<>();

    /** What one instance was asked to do, in order: "adopt telegram:1", "run telegram:1 hi". */
    private final class Host implements FleetNode.Host {
        final BlockingQueue<String> did = new LinkedBlockingQueue<>();
        final AtomicInteger size = new AtomicInteger();
        final List<String> expelled = new CopyOnWriteArrayList<>();

        @Override
        public boolean serves(String chatKey) {
            return chatKey.startsWith("telegram:");
        }

        @Override
        public void adopt(List<String> chatKeys) {
            chatKeys.forEach(chatKey -> did.add("adopt " + chatKey));
        }

        final java.util.concurrent.atomic.AtomicBoolean storeAway = new java.util.concurrent.atomic.AtomicBoolean();

        @Override
        public void deliver(InboxItem item) {
            if (storeAway.getAndSet(false)) {
                did.add("not taken " + item.payload());
                throw new com.reelay.core.chat.NotTaken("the store failed while admitting the request", null);
            }
            did.add("run " + item.chatKey() + " " + item.payload());
        }

        @Override
        public boolean alreadyTaken(InboxItem item) {
            return item.payload().startsWith("taken:");
        }

        @Override
        public void fleetSize(int live) {
            size.set(live);
        }

        @Override
        public void expelled() {
            expelled.add("expelled");
        }

        String next() throws InterruptedException {
            String s = did.poll(10, TimeUnit.SECONDS);
            if (s == null) {
                throw new AssertionError("nothing happened within 10 s");
            }
            return s;
        }
    }

    private FleetNode node(String id, Host host) throws Exception {
        FleetNode n = new FleetNode(rig.database(), id, FleetRig.DEAD_AFTER, rig.clock, host);
        n.join();
        nodes.add(n);
        return n;
    }

    /** Time passes past dead-after with only {@code survivor} beating (twice, a heartbeat apart). */
    private void silence(FleetNode survivor) {
        rig.clock.advance(FleetRig.DEAD_AFTER.minusSeconds(1));
        survivor.beat();
        rig.clock.advance(java.time.Duration.ofSeconds(2));
        survivor.beat();
    }

    @AfterEach
    void close() {
        nodes.forEach(FleetNode::close);
        rig.close();
    }

    @Test
    void whereverAnUpdateLandsTheChatsOwnerRunsItOnceInOrder() throws Exception {
        Host ha = new Host();
        Host hb = new Host();
        FleetNode a = node("a", ha);
        FleetNode b = node("b", hb);
        // Both are woken; whichever takes the chat first runs it, the other nothing.
        assertTrue(a.offer("telegram", "1", "telegram:1", "first"));
        Host owner = awaitEither(ha, hb);
        Host other = owner == ha ? hb : ha;
        assertEquals("adopt telegram:1", owner.next());
        assertEquals("run telegram:1 first", owner.next());
        // Round-robin: the next update lands on b, Telegram's retry of it on a.
        assertTrue(b.offer("telegram", "2", "telegram:1", "second"));
        assertFalse(a.offer("telegram", "2", "telegram:1", "second"));
        assertEquals("run telegram:1 second", owner.next());
        assertEquals(1, a.ownedChats() + b.ownedChats());
        assertNull(other.did.poll(200, TimeUnit.MILLISECONDS), "the other ran nothing: " + other.did);
        assertNull(owner.did.poll(200, TimeUnit.MILLISECONDS), "nothing twice: " + owner.did);
    }

    private static Host awaitEither(Host a, Host b) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!a.did.isEmpty()) {
                return a;
            }
            if (!b.did.isEmpty()) {
                return b;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("nobody took the chat");
    }

    @Test
    void whenTheOwnerDiesAnotherTakesItsChatAndWorkWithinDeadAfter() throws Exception {
        Host ha = new Host();
        Host hb = new Host();
        FleetNode a = node("a", ha);
        a.offer("telegram", "1", "telegram:7", "make a video");
        ha.next();
        ha.next();
        FleetNode b = node("b", hb);
        // a is running it when it is killed: it leaves its running request behind, and stops beating.
        rig.store.markRunning(new QueuedRequest(0, "telegram:7", "u", "", "en", "tg-7-1", "chat", "make a video",
                rig.clock.instant()));
        a.stopTaking();
        b.offer("telegram", "2", "telegram:7", "status please"); // waits: a still counts as live
        assertNull(hb.did.poll(300, TimeUnit.MILLISECONDS), "no takeover while a is live: " + hb.did);

        rig.clock.advance(FleetRig.DEAD_AFTER.minusSeconds(1));
        b.beat();
        assertEquals(List.of("a", "b"), rig.join("probe").membership.live().subList(0, 2), "a is not dead yet");
        assertTrue(hb.did.isEmpty(), "still a's: " + hb.did);

        rig.clock.advance(java.time.Duration.ofSeconds(2)); // a's last beat is now older than dead-after
        b.beat();
        assertEquals("adopt telegram:7", hb.next(), "the running request is resumed first (its cut-off notice)");
        assertEquals("run telegram:7 status please", hb.next());
        assertEquals(1, b.ownedChats());
    }

    @Test
    void anItemTheDeadOwnerHadTakenRunsAgainOnlyIfItNeverReachedItsEngine() throws Exception {
        Host ha = new Host();
        FleetNode a = node("a", ha);
        // a takes two items of the chat and dies before marking either done: the engine had the first.
        FleetRig.Member probe = rig.join("probe-a");
        a.stopTaking();
        a.offer("telegram", "1", "telegram:3", "taken:make a video");
        ChatLease lease = new ChatLeases(rig.database(), a.membership(), rig.clock).acquire("telegram:3").orElseThrow();
        Inbox aInbox = new Inbox(rig.database(), a.membership(), rig.clock);
        aInbox.next(lease).orElseThrow();
        Host hb = new Host();
        FleetNode b = node("b", hb);
        silence(b);
        assertEquals("adopt telegram:3", hb.next());
        assertNull(hb.did.poll(300, TimeUnit.MILLISECONDS), "already taken by a: not run again, " + hb.did);
        b.offer("telegram", "2", "telegram:3", "status");
        assertEquals("run telegram:3 status", hb.next(), "and the chat's line moved on");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!probe.inbox.chatsWaiting().isEmpty()) { // marked done right after the engine took it
            assertTrue(System.nanoTime() < deadline, "both items done: " + probe.inbox.chatsWaiting());
            Thread.onSpinWait();
        }
    }

    @Test
    void aRequestTheEngineCouldNotTakeIsTriedAgainNotLost() throws Exception {
        Host ha = new Host();
        FleetNode a = node("a", ha);
        ha.storeAway.set(true);
        a.offer("telegram", "1", "telegram:8", "make a video");
        a.offer("telegram", "2", "telegram:8", "status");
        assertEquals("adopt telegram:8", ha.next());
        assertEquals("not taken make a video", ha.next());
        a.beat(); // the next look (the second request's wake-up may already have been one)
        assertEquals("run telegram:8 make a video", ha.next(), "tried again, and nothing overtook it");
        assertEquals("run telegram:8 status", ha.next());
    }

    @Test
    void chatsWithWorkLeftAndNoLiveOwnerAreTakenEvenWithNothingInTheInbox() throws Exception {
        rig.store.markRunning(new QueuedRequest(0, "telegram:9", "u", "", "en", "tg-9-4", "chat", "x", rig.clock.instant()));
        rig.store.markRunning(new QueuedRequest(0, "discord:5", "u", "", "en", "d-1", "chat", "x", rig.clock.instant()));
        Host hb = new Host();
        node("b", hb); // joining beats once: it sweeps
        assertEquals("adopt telegram:9", hb.next());
        assertNull(hb.did.poll(200, TimeUnit.MILLISECONDS), "a platform this instance does not run is left: " + hb.did);
    }

    @Test
    void aDeadInstancesChatsAreSharedOutAndAShareNotTakenGoesToWhoeverLooksNext() throws Exception {
        Host ha = new Host();
        Host hb = new Host();
        FleetNode a = node("a", ha);
        FleetNode b = node("b", hb);
        a.beat();
        // What an instance dead before either looked left: 20 chats with a request running, no live owner.
        leftRunning(1, 20);
        a.beat();
        b.beat();
        Set<String> byA = adopted(ha);
        Set<String> byB = adopted(hb);
        assertFalse(byA.isEmpty() || byB.isEmpty(), "both take a share: " + byA + " / " + byB);
        assertTrue(java.util.Collections.disjoint(byA, byB));
        assertEquals(20, byA.size() + byB.size(), "all taken at the first look of each");

        leftRunning(21, 40);
        a.beat(); // a takes its share; b does not look (slow, say)
        int first = adopted(ha).size();
        assertTrue(first > 0 && first < 20, "a's share alone: " + first);
        a.beat(); // one look later b's share is still orphaned: a takes it
        assertEquals(20 - first, adopted(ha).size());
        assertEquals(Set.of(), adopted(hb));
    }

    /** Chats telegram:{@code from}..{@code to} with a request running and no live owner: what a dead instance left. */
    private void leftRunning(int from, int to) {
        for (int chat = from; chat <= to; chat++) {
            rig.store.markRunning(new QueuedRequest(0, "telegram:" + chat, "u", "", "en", "tg-" + chat + "-1", "chat", "x",
                    rig.clock.instant()));
        }
    }

    /** The chats {@code host} adopted since last asked. */
    private static Set<String> adopted(Host host) {
        Set<String> chats = new java.util.TreeSet<>();
        for (String did; (did = host.did.poll()) != null; ) {
            if (did.startsWith("adopt ")) {
                chats.add(did.substring("adopt ".length()));
            }
        }
        return chats;
    }

    @Test
    void oneInstancePollsAndItsOffsetOnlyMovesForward() throws Exception {
        FleetNode a = node("a", new Host());
        FleetNode b = node("b", new Host());
        assertTrue(a.leads("telegram"));
        assertFalse(b.leads("telegram"), "one poller per fleet");
        assertTrue(b.position("telegram").isEmpty());
        a.savePosition("telegram", 120);
        b.savePosition("telegram", 100); // a former leader's late save
        assertEquals(120, b.position("telegram").getAsLong());

        silence(b); // a stopped beating: dead
        assertTrue(b.leads("telegram"), "leadership moves to a live instance");
        assertEquals(120, b.position("telegram").getAsLong(), "and reads on from where a stopped");
    }

    @Test
    void aPollerThatStepsDownHandsTheFeedToALiveInstanceAndLeavesItForDeadAfter() throws Exception {
        FleetNode a = node("a", new Host());
        assertFalse(a.stepDown("telegram"), "alone, there is nobody to hand the feed to");
        assertTrue(a.leads("telegram"), "and it keeps it");
        FleetNode b = node("b", new Host());
        a.beat(); // a sees b
        assertFalse(b.leads("telegram"));
        assertTrue(a.stepDown("telegram"));
        assertFalse(a.leads("telegram"), "it leaves the feed to the others");
        assertTrue(b.leads("telegram"), "a live instance takes it");
        assertEquals(2, feedEpoch(), "under the next epoch");
        rig.clock.advance(FleetRig.DEAD_AFTER);
        assertFalse(a.leads("telegram"), "b leads now, and it is live");
    }

    @Test
    void theEngineKeepsItsChatsInMemoryAndReadsAChatNewToItFromTheDatabase() {
        java.time.Instant now = rig.clock.instant();
        com.reelay.core.store.ReelayStore engine = FleetNode.engineStore(rig.store);
        engine.saveChat(com.reelay.core.store.ChatState.fresh("telegram:1", now).withSession("s1", "en", now));
        // What the dead owner of telegram:2 wrote before this instance took the chat over.
        rig.store.saveChat(com.reelay.core.store.ChatState.fresh("telegram:2", now).withSession("s2", "fr", now));
        assertEquals("s2", engine.chat("telegram:2").orElseThrow().sessionId(), "never read here: from the database");
        // Behind its back (which no other instance does while this one owns the chat): memory answers.
        rig.store.saveChat(com.reelay.core.store.ChatState.fresh("telegram:1", now).withSession("s9", "en", now));
        assertEquals("s1", engine.chat("telegram:1").orElseThrow().sessionId());
    }

    private long feedEpoch() throws Exception {
        try (java.sql.Connection c = rig.database().getConnection(); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT epoch FROM chat_leases WHERE chat_key = 'feed:telegram'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void anInstanceThatCannotReachTheDatabaseForDeadAfterStopsOnItsOwn() throws Exception {
        Host hc = new Host();
        com.reelay.postgres.PostgresStore own = com.reelay.postgres.PostgresStore.open(rig.settings());
        FleetNode c = new FleetNode(own.dataSource(), "c", FleetRig.DEAD_AFTER, rig.clock, hc);
        c.join();
        own.close(); // its database is away
        rig.clock.advance(FleetRig.DEAD_AFTER.minusSeconds(1));
        c.beat();
        assertEquals(List.of(), hc.expelled, "not yet: the others cannot have taken over");
        rig.clock.advance(java.time.Duration.ofSeconds(2));
        c.beat();
        assertEquals(List.of("expelled"), hc.expelled, "the others may run its chats now: it must stop");
        c.close();
    }

    @Test
    void theFleetsSizeIsEveryLiveInstanceAndAnExpelledOneIsTold() throws Exception {
        Host ha = new Host();
        Host hb = new Host();
        FleetNode a = node("a", ha);
        node("b", hb);
        a.beat();
        assertEquals(2, ha.size.get());
        silence(nodes.get(1)); // b expels a, who was silent
        assertEquals(1, hb.size.get());
        a.beat();
        assertEquals(List.of("expelled"), ha.expelled);
    }
}
