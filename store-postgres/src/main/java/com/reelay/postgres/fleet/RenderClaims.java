package com.reelay.postgres.fleet;

import com.reelay.core.store.Sql;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which instance watches each unfinished render job. A job is claimed by the instance that
 * started it; when that instance stops being live, the others share its jobs out, each job to
 * exactly one of them. Delivery is a fenced step: of all the instances that ever held a job's
 * claim, only the current holder can mark it delivered, and only once.
 */
public final class RenderClaims {

    private static final Logger log = LoggerFactory.getLogger(RenderClaims.class);

    private final Sql sql;
    private final Membership membership;
    private final Clock clock;

    public RenderClaims(DataSource database, Membership membership, Clock clock) {
        this.sql = Sql.pooled(database);
        this.membership = membership;
        this.clock = clock;
    }

    /** This instance's claim on the (saved, unfinished) job: the one it holds, or a new one if no live instance holds it. */
    public Optional<RenderClaim> claim(String renderId) {
        String me = membership.instanceId();
        Optional<RenderClaim> taken = sql.queryOne("UPDATE render_jobs AS j SET claimed_by = ?, claim_epoch = claim_epoch + 1"
                        + " WHERE render_id = ? AND state = 'RENDERING' AND claimed_by <> ? AND NOT " + Membership.isLive("j.claimed_by")
                        + " RETURNING render_id, claimed_by, claim_epoch",
                rs -> new RenderClaim(rs.getString(1), rs.getString(2), rs.getLong(3)), me, renderId, me, membership.liveSince());
        taken.ifPresent(c -> log.info("render claimed render={} instance={} epoch={}", renderId, me, c.epoch()));
        return taken.or(() -> sql.queryOne("SELECT render_id, claimed_by, claim_epoch FROM render_jobs WHERE render_id = ?"
                        + " AND claimed_by = ? AND state = 'RENDERING'",
                rs -> new RenderClaim(rs.getString(1), rs.getString(2), rs.getLong(3)), renderId, me));
    }

    /**
     * Claims up to {@code limit} unfinished jobs that no live instance holds, oldest first.
     * Instances doing this at once split the orphans between them: a job being claimed by one
     * is skipped by the others, never claimed twice.
     */
    public List<RenderClaim> claimOrphans(int limit) {
        String me = membership.instanceId();
        List<RenderClaim> claimed = sql.queryAll("UPDATE render_jobs AS j SET claimed_by = ?, claim_epoch = j.claim_epoch + 1"
                        + " FROM (SELECT render_id FROM render_jobs o WHERE state = 'RENDERING' AND NOT "
                        + Membership.isLive("o.claimed_by") + " ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED) orphan"
                        + " WHERE j.render_id = orphan.render_id RETURNING j.render_id, j.claimed_by, j.claim_epoch",
                rs -> new RenderClaim(rs.getString(1), rs.getString(2), rs.getLong(3)), me, membership.liveSince(), limit);
        claimed.forEach(c -> log.info("render taken over render={} instance={} epoch={}", c.renderId(), me, c.epoch()));
        return claimed;
    }

    /**
     * Marks the job delivered with its link (or failure) if {@code claim} is still current and
     * the job still rendering; true for exactly one caller per job. Post the link after this
     * returned true, so that no two instances post it.
     */
    public boolean deliver(RenderClaim claim, String outputUrl, String error) {
        return sql.update("UPDATE render_jobs SET state = 'DELIVERED', output_url = ?, error = ?, updated_at = ?"
                        + " WHERE render_id = ? AND claimed_by = ? AND claim_epoch = ? AND state = 'RENDERING'",
                outputUrl, error, clock.millis(), claim.renderId(), claim.owner(), claim.epoch()) == 1;
    }
}
