package com.reelay.postgres.fleet;

import com.reelay.core.chat.Intake;
import com.reelay.core.chat.NotTaken;
import com.reelay.core.chat.support.DaemonThreads;
import com.reelay.core.store.CachingStore;
import com.reelay.core.store.ReelayStore;
import com.reelay.core.store.Sql;
import com.reelay.postgres.PostgresStore;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance's part in a fleet sharing one PostgreSQL database. It heartbeats, declares silent
 * instances dead, and runs the chats it owns: whatever any instance put in the {@link Inbox} for
 * a chat reaches the chat's owner, which takes the chat (a {@link ChatLeases lease}) the first
 * time it sees work for it with no live owner, and then first resumes what the previous owner
 * left ({@link Host#adopt}). It is also the front ends' {@link Intake}.
 */
public final class FleetNode implements Intake, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FleetNode.class);
    private static final int STRIPES = 64;
    private static final String FEED_LEASE = "feed:";
    private static final int TAKEOVER_BATCH = 200;
    /** Chats whose state an instance's engine keeps in memory (the most recently used). */
    private static final long ENGINE_CACHE_CHATS = 10_000;
    /** Telegram redelivers an update for up to a day: its id must de-duplicate that long. */
    private static final Duration REDELIVERY_WINDOW = Duration.ofHours(25);

    /** What the instance around the node does with the fleet's decisions. */
    public interface Host {

        /** Whether this instance runs the platform of {@code chatKey} (can answer that chat). */
        boolean serves(String chatKey);

        /** This instance took these chats over: resume what their previous owners left, before any new request. */
        void adopt(List<String> chatKeys);

        /** Runs a request from the inbox: the front end that wrote the payload reads it. */
        void deliver(InboxItem item);

        /**
         * For an item the chat's previous owner had taken ({@link InboxItem#resumed()}): whether
         * that owner got as far as running or queueing it (this instance found it when adopting
         * the chat), so it must not run again.
         */
        boolean alreadyTaken(InboxItem item);

        /** The fleet has {@code live} instances now: per-bot allowances are shared by that many. */
        void fleetSize(int live);

        /** The fleet expelled this instance (silent too long): others may run its chats already. */
        void expelled();
    }

    private final Membership membership;
    private final ChatLeases leases;
    private final Inbox inbox;
    private final Sql sql;
    /** Heartbeats' and LISTEN's own connections. */
    private final DataSource listening;
    private final Host host;
    private final Clock clock;
    private final Map<String, ChatLease> owned = new ConcurrentHashMap<>();
    private final Map<String, Boolean> woken = new ConcurrentHashMap<>();
    /** Chats another live instance owned at the last look, until when (nanoTime) to believe it. */
    private final Map<String, Long> others = new ConcurrentHashMap<>();
    /** Grows with every death seen: what a look learnt before it is stale. */
    private final AtomicLong othersSeen = new AtomicLong();
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private final ScheduledExecutorService timer;
    private final ExecutorService pumps;
    private InboxListener listener;
    private volatile boolean taking = true;
    private volatile int size = 1;
    /** The live instances at the last beat, by id: how orphaned chats are shared out. */
    private volatile List<String> liveIds = List.of();
    /** Orphans the last sweep left to other instances: still orphaned at the next one, anyone takes them. */
    private volatile Set<String> leftToOthers = Set.of();
    private volatile boolean leading;
    /** Until when (the clock's millis) this instance leaves the feeds to others, having stepped down. */
    private volatile long steppedDownUntil;
    private volatile long lastBeat;

    /**
     * The store a fleet instance's engine uses: chat state, identities and languages cached in
     * front of PostgreSQL (each message read them nine times). Safe because a chat runs only on
     * its owner, and an instance comes to own only chats it never read: a chat changes hands when
     * its owner dies or is expelled, and an expelled instance stops at once. Everything else
     * (lines, running requests, renders, the guard's counts) always reaches the database.
     */
    public static ReelayStore engineStore(PostgresStore store) {
        return new CachingStore(store, ENGINE_CACHE_CHATS);
    }

    public FleetNode(DataSource database, String instanceId, Duration deadAfter, Clock clock, Host host) {
        this(database, database, instanceId, deadAfter, clock, host);
    }

    /** @param heartbeats connections for heartbeats and LISTEN alone, so a burst of work never delays them */
    public FleetNode(DataSource database, DataSource heartbeats, String instanceId, Duration deadAfter, Clock clock,
                     Host host) {
        this.listening = heartbeats;
        this.membership = new Membership(heartbeats, instanceId, deadAfter, clock);
        this.leases = new ChatLeases(database, membership, clock);
        this.inbox = new Inbox(database, membership, clock);
        this.sql = Sql.pooled(database);
        this.host = host;
        this.clock = clock;
        this.lastBeat = clock.millis();
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("reelay-fleet-heartbeat"));
        // Takeovers and new requests share these: a death can hand over hundreds of chats at once.
        this.pumps = Executors.newFixedThreadPool(8, DaemonThreads.named("reelay-fleet-inbox"));
    }

    public String instanceId() {
        return membership.instanceId();
    }

    Membership membership() {
        return membership;
    }

    /**
     * Joins the fleet and starts heartbeating and reading the inbox. Returns after one heartbeat
     * interval: by then every member has counted this one, so its share of the per-bot
     * allowances does not push the fleet over them.
     */
    public void start() throws SQLException, InterruptedException {
        join();
        // Looks three times per heartbeat interval: a death is seen within a ninth of dead-after
        // of its deadline, leaving the rest of the slack to taking its chats over.
        long look = Math.max(50, membership.heartbeatInterval().toMillis() / 3);
        timer.scheduleWithFixedDelay(this::beat, look, look, TimeUnit.MILLISECONDS);
        TimeUnit.MILLISECONDS.sleep(membership.heartbeatInterval().toMillis());
        beat();
    }

    /** Registers, listens to the inbox and beats once; tests beat by hand from here on (their clock is fake). */
    void join() throws SQLException {
        membership.register();
        listener = new InboxListener(listening, this::wake, Duration.ofSeconds(1)).start();
        beat();
    }

    /** Heartbeat, then the fleet's housekeeping: expel the silent, share allowances, look for work. */
    void beat() {
        if (clock.millis() - lastBeat > membership.deadAfter().toMillis()) {
            // Silent to the database for dead-after: the others may have taken our chats already.
            log.error("fleet heartbeats failed for longer than dead-after instance={}", instanceId());
            expel();
            return;
        }
        try {
            if (!membership.heartbeat()) {
                expel();
                return;
            }
            lastBeat = clock.millis();
            if (!membership.expelDead().isEmpty()) {
                synchronized (others) {
                    othersSeen.incrementAndGet(); // a look begun before this must not remember an owner now dead
                    others.clear(); // their chats are free now: look again at once
                }
            }
            liveIds = membership.live();
            int live = Math.max(1, liveIds.size());
            if (live != size) {
                log.info("fleet size instance={} live={}", instanceId(), live);
            }
            size = live;
            host.fleetSize(live);
            others.values().removeIf(until -> until <= System.nanoTime());
            sweep();
            inbox.forgetDoneBefore(clock.instant().minus(REDELIVERY_WINDOW));
        } catch (RuntimeException e) {
            // The database is away: others expel this instance if it stays away past dead-after.
            log.warn("fleet heartbeat failed instance={}: {}", instanceId(), e.toString());
        }
    }

    private void expel() {
        taking = false;
        host.expelled();
    }

    /**
     * Chats with requests in the inbox, and chats whose owner died with work left: each goes to
     * its (new) owner. A dead instance's chats are shared out among the live ones by a hash of
     * the chat, so the notices and resumed work of a death go out through all their send
     * budgets, not one's; a share its instance has not taken by the next look (it died too, is
     * slow, or does not run that platform) goes to whoever looks.
     */
    private void sweep() {
        List<String> orphans = orphans().stream().filter(host::serves).filter(chat -> !owned.containsKey(chat)).toList();
        List<String> ids = liveIds;
        int me = ids.indexOf(instanceId());
        List<String> mine = new ArrayList<>();
        Set<String> left = new HashSet<>();
        for (String chat : orphans) {
            if (me < 0 || Math.floorMod(chat.hashCode(), ids.size()) == me || leftToOthers.contains(chat)) {
                mine.add(chat);
            } else {
                left.add(chat);
            }
        }
        leftToOthers = left;
        takeOver(mine);
        inbox.chatsWaiting().forEach(this::wake);
    }

    /**
     * Takes a dead instance's chats in bulk: one statement and one adoption per batch instead of
     * a round of each per chat, so hundreds of chats change hands within the slack. The chats'
     * stripes are held meanwhile, so no inbox item of theirs runs before their adoption.
     */
    private void takeOver(List<String> orphans) {
        for (int from = 0; taking && from < orphans.size(); from += TAKEOVER_BATCH) {
            List<String> batch = orphans.subList(from, Math.min(orphans.size(), from + TAKEOVER_BATCH));
            int[] held = batch.stream().mapToInt(chat -> Math.floorMod(chat.hashCode(), STRIPES)).distinct().sorted().toArray();
            for (int i : held) {
                stripes[i].lock(); // one order for everyone: no two takers deadlock
            }
            try {
                List<ChatLease> taken = leases.takeOver(batch.stream().filter(chat -> !owned.containsKey(chat)).toList());
                if (!taken.isEmpty()) {
                    host.adopt(taken.stream().map(ChatLease::chatKey).toList());
                    taken.forEach(lease -> owned.put(lease.chatKey(), lease));
                    log.info("chats taken over instance={} chats={}", instanceId(), taken.size());
                }
            } finally {
                for (int i = held.length - 1; i >= 0; i--) {
                    stripes[held[i]].unlock();
                }
            }
        }
    }

    /** Chats with a running, waiting or rendering request and no live owner. */
    List<String> orphans() {
        return sql.queryAll("SELECT w.chat_key FROM (SELECT chat_key FROM running_requests UNION SELECT chat_key FROM"
                        + " queued_requests UNION SELECT chat_key FROM render_jobs WHERE state = 'RENDERING') w"
                        + " WHERE NOT EXISTS (SELECT 1 FROM chat_leases l WHERE l.chat_key = w.chat_key AND "
                        + Membership.isLive("l.owner") + ")",
                rs -> rs.getString(1), membership.liveSince());
    }

    /** Something may be waiting for {@code chatKey}: its owner (maybe this instance) should look. */
    void wake(String chatKey) {
        if (!taking || !host.serves(chatKey) || woken.putIfAbsent(chatKey, Boolean.TRUE) != null) {
            return;
        }
        pumps.execute(() -> {
            woken.remove(chatKey);
            try {
                pump(chatKey);
            } catch (RuntimeException e) {
                log.warn("inbox not read chat={} instance={}: {}", chatKey, instanceId(), e.toString());
            }
        });
    }

    /** Takes the chat if it has no live owner, then hands its requests to this instance in arrival order. */
    private void pump(String chatKey) {
        ReentrantLock stripe = stripe(chatKey);
        stripe.lock();
        try {
            Optional<ChatLease> held = lease(chatKey);
            if (held.isEmpty()) {
                return; // another live instance runs it
            }
            ChatLease lease = held.get();
            while (taking) {
                Optional<InboxItem> next = inbox.next(lease);
                if (next.isEmpty()) {
                    return;
                }
                // Done once the engine has it: the engine notes a request running or waiting as
                // it takes it, so an owner dying in between leaves it noted and not done. The
                // next owner then finds it when adopting the chat and does not run it again.
                InboxItem item = next.get();
                try {
                    if (item.resumed() && host.alreadyTaken(item)) {
                        log.info("inbox request already taken by the previous owner chat={} item={}", chatKey, item.id());
                    } else {
                        host.deliver(item);
                    }
                } catch (NotTaken e) {
                    // The store failed as the engine took it: it stays next, tried again at the next look.
                    log.warn("inbox request not taken, trying again soon chat={} item={}: {}", chatKey, item.id(),
                            e.getMessage());
                    return;
                } catch (RuntimeException e) {
                    // Anything else would fail again: one bad request must not hold its chat up.
                    log.error("inbox request not handled chat={} item={}: {}", chatKey, item.id(), e.toString());
                }
                if (!inbox.done(lease, item.id())) {
                    owned.remove(chatKey);
                    log.warn("chat lease lost chat={} instance={}", chatKey, instanceId());
                    return;
                }
            }
        } finally {
            stripe.unlock();
        }
    }

    /**
     * Takes {@code chatKey} for a request that reached this instance directly (a Discord shard's
     * event): true when this instance owns it now; false while another live instance does.
     */
    public boolean own(String chatKey) {
        ReentrantLock stripe = stripe(chatKey);
        stripe.lock();
        try {
            return lease(chatKey).isPresent();
        } finally {
            stripe.unlock();
        }
    }

    private ReentrantLock stripe(String chatKey) {
        return stripes[Math.floorMod(chatKey.hashCode(), STRIPES)];
    }

    /** The chat's lease held here, taken now if the chat has no live owner (then adopted first); call under its stripe. */
    private Optional<ChatLease> lease(String chatKey) {
        ChatLease held = owned.get(chatKey);
        if (held != null) {
            return Optional.of(held);
        }
        Long until = others.get(chatKey);
        if (until != null && until > System.nanoTime()) {
            return Optional.empty(); // another live instance ran it a moment ago: spare the database the question
        }
        long seen = othersSeen.get();
        Optional<ChatLease> taken = leases.acquire(chatKey);
        if (taken.isEmpty()) {
            // Every instance is woken by every request; only the owner needs to look. Asked again
            // after a heartbeat interval, or at once when an instance is declared dead.
            synchronized (others) {
                if (othersSeen.get() == seen) {
                    others.put(chatKey, System.nanoTime() + membership.heartbeatInterval().toNanos());
                }
            }
            return taken;
        }
        others.remove(chatKey);
        taken.ifPresent(lease -> {
            // Adopted before it counts as held: if resuming fails, the next look adopts again.
            host.adopt(List.of(chatKey));
            owned.put(chatKey, lease);
        });
        return taken;
    }

    /** Chats this instance owns now. */
    public int ownedChats() {
        return owned.size();
    }

    /** Live instances at the last heartbeat, this one included. */
    public int fleetSize() {
        return size;
    }

    /** Whether the database answers now. */
    public boolean databaseHealthy() {
        try {
            sql.queryOne("SELECT 1", rs -> 1);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public boolean offer(String source, String sourceId, String chatKey, String payload) {
        return inbox.offer(source, sourceId, chatKey, payload);
    }

    @Override
    public boolean leads(String feed) {
        leading = taking && clock.millis() >= steppedDownUntil && leases.acquire(FEED_LEASE + feed).isPresent();
        return leading;
    }

    /**
     * Releases the feed's lease and leaves it for dead-after: time for another instance (each
     * looks every second) to take it. Alone in the fleet, it keeps the feed.
     */
    @Override
    public boolean stepDown(String feed) {
        if (size <= 1) {
            return false;
        }
        steppedDownUntil = clock.millis() + membership.deadAfter().toMillis();
        leading = false;
        leases.release(FEED_LEASE + feed);
        return true;
    }

    /** Whether this instance was the fleet's poller at its last look. */
    public boolean leading() {
        return leading;
    }

    @Override
    public OptionalLong position(String feed) {
        return sql.queryOne("SELECT next_position FROM fleet_positions WHERE feed = ?", rs -> rs.getLong(1), feed)
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    @Override
    public void savePosition(String feed, long position) {
        // Only forward: a former leader's late save must not send the next one back over old updates.
        sql.update("INSERT INTO fleet_positions (feed, next_position, saved_by, saved_at) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (feed) DO UPDATE SET next_position = excluded.next_position,"
                        + " saved_by = excluded.saved_by, saved_at = excluded.saved_at"
                        + " WHERE fleet_positions.next_position < excluded.next_position",
                feed, position, instanceId(), clock.millis());
    }

    /** Stops taking requests from the inbox (shutdown: the engine finishes what it runs); still a member. */
    public void stopTaking() {
        taking = false;
    }

    /** Leaves the fleet: the others take this instance's chats over at once, not after dead-after. */
    @Override
    public void close() {
        taking = false;
        timer.shutdownNow();
        pumps.shutdown();
        try {
            pumps.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (listener != null) {
            listener.close();
        }
        try {
            membership.leave();
        } catch (RuntimeException e) {
            log.warn("fleet not left cleanly instance={} (others take over after dead-after): {}", instanceId(), e.toString());
        }
    }
}
