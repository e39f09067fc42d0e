package com.reelay.app.fleet;

import com.reelay.postgres.fleet.FleetNode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** This instance's part in its fleet, as /readyz shows it and /metrics counts it. */
public final class FleetRole {

    private FleetRole() {
    }

    /** Lines for /readyz, after the checks. */
    public static String describe(FleetNode fleet) {
        return "fleet instance=" + fleet.instanceId() + " live-instances=" + fleet.fleetSize()
                + " owned-chats=" + fleet.ownedChats() + " telegram-poller=" + (fleet.leading() ? "yes" : "no") + "\n";
    }

    /** Gauges tagged with the instance, so one dashboard shows the whole fleet side by side. */
    public static void measure(FleetNode fleet, MeterRegistry registry) {
        String id = fleet.instanceId();
        Gauge.builder("reelay.fleet.owned.chats", fleet, FleetNode::ownedChats).tag("instance", id)
                .description("chats this instance runs").register(registry);
        Gauge.builder("reelay.fleet.live.instances", fleet, FleetNode::fleetSize).tag("instance", id)
                .description("live instances at this one's last heartbeat").register(registry);
        Gauge.builder("reelay.fleet.telegram.poller", fleet, f -> f.leading() ? 1 : 0).tag("instance", id)
                .description("1 while this instance is the fleet's Telegram poller").register(registry);
        Gauge.builder("reelay.fleet.database.up", fleet, f -> f.databaseHealthy() ? 1 : 0).tag("instance", id)
                .description("1 while the fleet's database answers").register(registry);
    }
}
