package com.reelay.postgres.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MembershipTest {

    private final FleetRig fleet = new FleetRig();

    @AfterEach
    void close() {
        fleet.close();
    }

    @Test
    void anInstanceSilentForTheConfiguredTimeIsDeadAndLearnsItWasExpelled() {
        assertEquals(Duration.ofSeconds(15), FleetRig.DEAD_AFTER, "the issue's default");
        FleetRig.Member a = fleet.join("a");
        FleetRig.Member b = fleet.join("b");
        fleet.clock.advance(Duration.ofSeconds(10));
        assertTrue(a.membership.heartbeat());
        fleet.clock.advance(Duration.ofSeconds(5));
        assertEquals(List.of("a", "b"), a.membership.live(), "15 s of silence is still alive");
        assertEquals(List.of(), a.membership.expelDead());

        fleet.clock.advance(Duration.ofMillis(1));
        assertEquals(List.of("a"), a.membership.live(), "just past 15 s it is dead");
        assertEquals(List.of("b"), a.membership.expelDead());
        assertEquals(List.of(), a.membership.expelDead(), "expelled once");
        assertFalse(b.membership.heartbeat(), "the silent one learns it was expelled");

        b.membership.register();
        assertEquals(List.of("a", "b"), a.membership.live(), "and may join again");
    }

    @Test
    void aCleanLeaveFreesItsWorkAtOnce() {
        FleetRig.Member a = fleet.join("a");
        FleetRig.Member b = fleet.join("b");
        ChatLease lease = a.leases.acquire("telegram:1").orElseThrow();
        a.membership.leave();
        assertEquals(List.of("b"), b.membership.live());
        ChatLease taken = b.leases.acquire("telegram:1").orElseThrow();
        assertEquals(lease.epoch() + 1, taken.epoch());
    }

    @Test
    void heartbeatsComeOftenEnoughToSurviveALateOne() {
        FleetRig.Member a = fleet.join("a");
        assertEquals(Duration.ofSeconds(5), a.membership.heartbeatInterval());
    }
}
