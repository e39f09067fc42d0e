package com.reelay.postgres.fleet;

import com.reelay.core.store.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who owns each chat: the first instance to ask, until it stops being live; then the next to
 * ask takes it over under a higher epoch. Exactly one instance wins a takeover, however many
 * ask at once (the database serialises writers of the chat's row).
 */
public final class ChatLeases {

    private static final Logger log = LoggerFactory.getLogger(ChatLeases.class);

    private static final Sql.Row<ChatLease> LEASE = rs -> new ChatLease(rs.getString(1), rs.getString(2), rs.getLong(3));

    private final Sql sql;
    private final Membership membership;
    private final Clock clock;

    public ChatLeases(DataSource database, Membership membership, Clock clock) {
        this.sql = Sql.pooled(database);
        this.membership = membership;
        this.clock = clock;
    }

    /**
     * This instance's lease on the chat: the one it holds, or a new one if the chat had no owner
     * or its owner is no longer live. Empty while another live instance owns it.
     */
    public Optional<ChatLease> acquire(String chatKey) {
        String me = membership.instanceId();
        // A read first: every request wakes every instance, and for all but the owner the answer
        // is "a live instance owns it", which needs no write (the INSERT of takeOver locks the row
        // even when it changes nothing: one more WAL flush per request for each instance).
        Optional<ChatLease> live = liveLease(chatKey);
        if (live.isPresent()) {
            return live.filter(lease -> lease.owner().equals(me));
        }
        List<ChatLease> taken = takeOver(List.of(chatKey));
        // Not taken: another instance took it meanwhile, or this one is no longer live.
        return taken.isEmpty() ? liveLease(chatKey).filter(lease -> lease.owner().equals(me)) : Optional.of(taken.get(0));
    }

    /** The chat's lease if its owner is live. */
    private Optional<ChatLease> liveLease(String chatKey) {
        return sql.queryOne("SELECT chat_key, owner, epoch FROM chat_leases WHERE chat_key = ? AND "
                + Membership.isLive("owner"), LEASE, chatKey, membership.liveSince());
    }

    /**
     * Takes every chat of {@code chatKeys} that has no live owner, in one statement (a dead
     * instance's chats, all at once); returns the leases taken. Chats a live instance owns stay.
     * Only a live instance takes a chat: one the fleet expelled (a long pause, a split from the
     * database) must not run a chat another now runs, whatever it believes.
     */
    public List<ChatLease> takeOver(List<String> chatKeys) {
        if (chatKeys.isEmpty()) {
            return List.of();
        }
        String me = membership.instanceId();
        long liveSince = membership.liveSince();
        List<Object> args = new ArrayList<>(List.of(me, clock.millis())); // in the statement's order
        args.addAll(chatKeys);
        args.addAll(List.of(me, liveSince, liveSince));
        String values = String.join(", ", java.util.Collections.nCopies(chatKeys.size(), "(?)"));
        List<ChatLease> taken = sql.queryAll("INSERT INTO chat_leases AS l (chat_key, owner, epoch, acquired_at)"
                        + " SELECT k.chat_key, ?, 1, ? FROM (VALUES " + values + ") AS k (chat_key) WHERE "
                        + Membership.isLive("?")
                        + " ON CONFLICT (chat_key) DO UPDATE SET owner = excluded.owner,"
                        + " epoch = l.epoch + 1, acquired_at = excluded.acquired_at"
                        + " WHERE l.owner <> excluded.owner AND NOT " + Membership.isLive("l.owner")
                        + " RETURNING chat_key, owner, epoch",
                LEASE, args.toArray());
        taken.forEach(lease -> log.info("chat lease taken chat={} instance={} epoch={}", lease.chatKey(), me, lease.epoch()));
        return taken;
    }

    /**
     * Gives up this instance's lease on {@code key}: it has no owner then, and the next instance
     * to ask takes it (under the next epoch). Nothing if another instance holds it.
     */
    public void release(String key) {
        String me = membership.instanceId();
        if (sql.update("UPDATE chat_leases SET owner = '' WHERE chat_key = ? AND owner = ?", key, me) > 0) {
            log.info("lease released key={} instance={}", key, me);
        }
    }

    /** The chat's lease as recorded, whoever holds it (live or not). */
    public Optional<ChatLease> current(String chatKey) {
        return sql.queryOne("SELECT chat_key, owner, epoch FROM chat_leases WHERE chat_key = ?",
                LEASE, chatKey);
    }

    /** Whether {@code lease} is still the chat's lease (no takeover since). */
    public boolean holds(ChatLease lease) {
        return current(lease.chatKey()).filter(lease::equals).isPresent();
    }

    /**
     * Inside a transaction: true if {@code lease} is still current and its owner live (heartbeat
     * at or after {@code liveSince}, not expelled), and it stays current until the transaction
     * ends (a takeover waits for it). Work done under a lease starts with this.
     */
    static boolean fence(Connection c, ChatLease lease, long liveSince) throws SQLException {
        return !Sql.queryAll(c, "SELECT 1 FROM chat_leases WHERE chat_key = ? AND owner = ? AND epoch = ? AND "
                        + Membership.isLive("owner") + " FOR SHARE",
                rs -> 1, lease.chatKey(), lease.owner(), lease.epoch(), liveSince).isEmpty();
    }
}
