package com.reelay.postgres.fleet;

import com.reelay.core.store.Sql;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet's shared inbox. Any instance puts what it receives here before it answers the
 * platform (a webhook's 200), once per platform id however often the platform delivers it, and
 * wakes the fleet ({@value #CHANNEL}, with the chat key). The chat's owner takes the items in
 * arrival order, one at a time, under its lease: after a takeover a former owner can neither
 * take nor finish anything of that chat.
 */
public final class Inbox {

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);
    /** The LISTEN/NOTIFY channel an offer wakes; its payload is the chat key. */
    public static final String CHANNEL = "reelay_inbox";

    private final Sql sql;
    private final String instanceId;
    private final Membership membership;
    private final Clock clock;

    public Inbox(DataSource database, Membership membership, Clock clock) {
        this.sql = Sql.pooled(database);
        this.instanceId = membership.instanceId();
        this.membership = membership;
        this.clock = clock;
    }

    /**
     * Keeps a received request; false if the fleet already has it (a platform's redelivery).
     * When this returns the request is durable, and the owner is woken when it commits.
     */
    public boolean offer(String source, String sourceId, String chatKey, String payload) {
        boolean fresh = sql.inTransaction(c -> {
            boolean added = !Sql.queryAll(c, "INSERT INTO fleet_inbox (source, source_id, chat_key, payload, received_at,"
                            + " received_by) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (source, source_id) DO NOTHING RETURNING id",
                    rs -> rs.getLong(1), source, sourceId, chatKey, payload, clock.millis(), instanceId).isEmpty();
            if (added) {
                Sql.queryAll(c, "SELECT pg_notify(?, ?)", rs -> 1, CHANNEL, chatKey);
            }
            return added;
        });
        if (!fresh) {
            log.info("inbox duplicate dropped chat={} source={} id={}", chatKey, source, sourceId);
        }
        return fresh;
    }

    /**
     * The chat's next request for the owner of {@code lease}: the oldest not yet done, in arrival
     * order. Until it is done it stays next, so a try that failed (the store away while the
     * engine took it) is tried again rather than lost. Empty when there is none, or when the
     * lease is no longer current or its owner no longer live.
     */
    public Optional<InboxItem> next(ChatLease lease) {
        // A plain look first: after each request its owner looks once more and finds nothing, and
        // the fence's row lock would make that look a write (a WAL flush) for nothing. An item
        // arriving after this look wakes the owner again (NOTIFY), so none is missed.
        if (sql.queryOne("SELECT 1 FROM fleet_inbox WHERE chat_key = ? AND done_at IS NULL LIMIT 1", rs -> 1,
                lease.chatKey()).isEmpty()) {
            return Optional.empty();
        }
        return sql.inTransaction(c -> {
            if (!ChatLeases.fence(c, lease, membership.liveSince())) {
                return Optional.<InboxItem>empty();
            }
            Optional<InboxItem> oldest = Sql.queryAll(c, "SELECT id, source, source_id, chat_key, payload, received_at,"
                            + " received_by, taken_epoch FROM fleet_inbox WHERE chat_key = ? AND done_at IS NULL"
                            + " ORDER BY id LIMIT 1",
                    rs -> {
                        long taken = rs.getLong(8);
                        boolean takenBefore = !rs.wasNull();
                        return new InboxItem(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), Instant.ofEpochMilli(rs.getLong(6)), rs.getString(7),
                                takenBefore && taken != lease.epoch());
                    }, lease.chatKey()).stream().findFirst();
            if (oldest.isPresent()) {
                Sql.update(c, "UPDATE fleet_inbox SET taken_epoch = ? WHERE id = ?", lease.epoch(), oldest.get().id());
            }
            return oldest;
        });
    }

    /** The request is over; false (and nothing changes) if {@code lease} is no longer current. */
    public boolean done(ChatLease lease, long itemId) {
        return sql.inTransaction(c -> ChatLeases.fence(c, lease, membership.liveSince())
                && Sql.update(c, "UPDATE fleet_inbox SET done_at = ? WHERE id = ? AND chat_key = ? AND taken_epoch = ?"
                        + " AND done_at IS NULL", clock.millis(), itemId, lease.chatKey(), lease.epoch()) == 1);
    }

    /** Chats with requests not yet done, oldest first: what owners look at when they start or take over. */
    public List<String> chatsWaiting() {
        return sql.queryAll("SELECT chat_key FROM fleet_inbox WHERE done_at IS NULL GROUP BY chat_key ORDER BY min(id)",
                rs -> rs.getString(1));
    }

    /**
     * Forgets requests done before {@code cutoff}. Their ids de-duplicate until then: keep them
     * as long as a platform may redeliver (Telegram keeps an update for 24 hours).
     */
    public int forgetDoneBefore(Instant cutoff) {
        return sql.update("DELETE FROM fleet_inbox WHERE done_at < ?", cutoff.toEpochMilli());
    }
}
