package com.reelay.postgres.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.core.store.RenderJob;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RenderClaimsTest {

    private final FleetRig fleet = new FleetRig();

    @AfterEach
    void close() {
        fleet.close();
    }

    private void saveJob(String renderId, int second) {
        var at = fleet.clock.instant().plusSeconds(second);
        fleet.store.saveRenderJob(new RenderJob(renderId, "telegram:1", "r", "", RenderJob.State.RENDERING, 0, "", "", at, at));
    }

    @Test
    void onlyTheCurrentHolderDeliversAndOnlyOnce() {
        FleetRig.Member a = fleet.join("a");
        FleetRig.Member b = fleet.join("b");
        saveJob("render_1", 0);
        RenderClaim first = a.renders.claim("render_1").orElseThrow();
        assertEquals(new RenderClaim("render_1", "a", 1), first);
        assertEquals(Optional.empty(), b.renders.claim("render_1"), "a live holder keeps it");
        assertEquals(Optional.of(first), a.renders.claim("render_1"));

        fleet.clock.advance(FleetRig.DEAD_AFTER.plusSeconds(1));
        b.membership.heartbeat();
        RenderClaim second = b.renders.claim("render_1").orElseThrow();
        assertEquals(new RenderClaim("render_1", "b", 2), second);
        assertFalse(a.renders.deliver(first, "http://x/a.mp4", ""), "the former holder is fenced off");
        assertTrue(b.renders.deliver(second, "http://x/b.mp4", ""));
        assertFalse(b.renders.deliver(second, "http://x/b.mp4", ""), "delivered once");
        assertEquals("http://x/b.mp4", fleet.store.renderJob("render_1").orElseThrow().outputUrl());
        assertEquals(List.of(), fleet.store.unfinishedRenderJobs());
        assertEquals(Optional.empty(), b.renders.claim("render_1"), "nothing to claim once delivered");
    }

    @Test
    void aDeadInstancesJobsAreSplitBetweenTheOthersNeverShared() throws Exception {
        FleetRig.Member a = fleet.join("a");
        FleetRig.Member b = fleet.join("b");
        FleetRig.Member c = fleet.join("c");
        IntStream.rangeClosed(1, 10).forEach(i -> {
            saveJob("render_" + i, i);
            a.renders.claim("render_" + i).orElseThrow();
        });
        assertEquals(List.of(), b.renders.claimOrphans(100), "a live instance's jobs are no orphans");
        fleet.clock.advance(FleetRig.DEAD_AFTER.plusSeconds(1));
        b.membership.heartbeat();
        c.membership.heartbeat();

        List<RenderClaim> byB;
        // c is in the middle of claiming the five oldest (their rows are locked) when b looks.
        try (Connection claiming = fleet.database().getConnection(); Statement st = claiming.createStatement()) {
            claiming.setAutoCommit(false);
            st.execute("SELECT * FROM render_jobs WHERE render_id IN ('render_1', 'render_2', 'render_3', 'render_4',"
                    + " 'render_5') FOR UPDATE");
            // On another thread: were locked rows waited for instead of skipped, this would time out, not hang.
            byB = CompletableFuture.supplyAsync(() -> b.renders.claimOrphans(100)).get(20, TimeUnit.SECONDS);
            claiming.commit();
        }
        List<RenderClaim> byC = c.renders.claimOrphans(100);
        assertEquals(List.of("render_10", "render_6", "render_7", "render_8", "render_9"),
                byB.stream().map(RenderClaim::renderId).sorted().toList());
        assertEquals(List.of("render_1", "render_2", "render_3", "render_4", "render_5"),
                byC.stream().map(RenderClaim::renderId).sorted().toList());
        Set<String> all = new HashSet<>();
        byB.forEach(x -> all.add(x.renderId()));
        byC.forEach(x -> assertTrue(all.add(x.renderId()), "claimed twice: " + x));
        assertTrue(byB.stream().allMatch(x -> x.epoch() == 2) && byC.stream().allMatch(x -> x.epoch() == 2));
        assertEquals(List.of(), c.renders.claimOrphans(100), "nothing left");
    }
}
