package com.reelay.postgres.fleet;

import com.reelay.core.store.Sql;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instances of a fleet: each registers, heartbeats, and counts as dead once its last
 * heartbeat is older than {@code deadAfter}; the others then expel it, and an expelled instance
 * learns so at its next heartbeat. Chat leases and render claims count an owner as theirs only
 * while it is live ({@link #isLive}), so one heartbeat renews all of an instance's ownership.
 */
public final class Membership {

    private static final Logger log = LoggerFactory.getLogger(Membership.class);
    /** How long an instance may miss its heartbeats before the others take over its work. */
    public static final Duration DEFAULT_DEAD_AFTER = Duration.ofSeconds(15);

    private final Sql sql;
    private final String instanceId;
    private final Duration deadAfter;
    private final Clock clock;

    public Membership(DataSource database, String instanceId, Duration deadAfter, Clock clock) {
        if (deadAfter.isNegative() || deadAfter.isZero()) {
            throw new IllegalArgumentException("dead-after must be positive");
        }
        this.sql = Sql.pooled(database);
        this.instanceId = instanceId;
        this.deadAfter = deadAfter;
        this.clock = clock;
    }

    public String instanceId() {
        return instanceId;
    }

    public Duration deadAfter() {
        return deadAfter;
    }

    /** Heartbeat at least this often to stay live with a margin for one late beat. */
    public Duration heartbeatInterval() {
        return deadAfter.dividedBy(3);
    }

    /** Joins (or rejoins, after being expelled) the fleet. */
    public void register() {
        long now = clock.millis();
        sql.update("INSERT INTO fleet_instances (instance_id, started_at, heartbeat_at, expelled) VALUES (?, ?, ?, FALSE)"
                + " ON CONFLICT (instance_id) DO UPDATE SET started_at = excluded.started_at,"
                + " heartbeat_at = excluded.heartbeat_at, expelled = FALSE", instanceId, now, now);
        log.info("fleet joined instance={} dead-after={}", instanceId, deadAfter);
    }

    /**
     * Says this instance is alive. False means the fleet expelled it (it was silent too long) and
     * others may be running its chats: it must stop its work and register again.
     */
    public boolean heartbeat() {
        boolean alive = sql.update("UPDATE fleet_instances SET heartbeat_at = ? WHERE instance_id = ? AND NOT expelled",
                clock.millis(), instanceId) == 1;
        if (!alive) {
            log.warn("fleet expelled this instance instance={}", instanceId);
        }
        return alive;
    }

    /** Marks every instance silent for longer than dead-after as expelled; returns them. */
    public List<String> expelDead() {
        List<String> expelled = sql.queryAll("UPDATE fleet_instances SET expelled = TRUE WHERE NOT expelled AND heartbeat_at < ?"
                + " RETURNING instance_id", rs -> rs.getString(1), liveSince());
        expelled.forEach(dead -> log.warn("fleet instance declared dead instance={} by={}", dead, instanceId));
        return expelled;
    }

    /** Instances that count as live now, this one included while it heartbeats. */
    public List<String> live() {
        return sql.queryAll("SELECT instance_id FROM fleet_instances i WHERE " + isLive("i.instance_id") + " ORDER BY instance_id",
                rs -> rs.getString(1), liveSince());
    }

    /** Leaves at a clean stop: the others may take over at once instead of after dead-after. */
    public void leave() {
        sql.update("UPDATE fleet_instances SET expelled = TRUE WHERE instance_id = ?", instanceId);
        log.info("fleet left instance={}", instanceId);
    }

    /**
     * The one definition of a live owner, as SQL over the column that names it; bind
     * {@link #liveSince()} to its one parameter.
     */
    static String isLive(String ownerColumn) {
        return "EXISTS (SELECT 1 FROM fleet_instances live WHERE live.instance_id = " + ownerColumn
                + " AND NOT live.expelled AND live.heartbeat_at >= ?)";
    }

    /** Heartbeats at or after this (epoch ms) count as live. */
    long liveSince() {
        return clock.millis() - deadAfter.toMillis();
    }
}
