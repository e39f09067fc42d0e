package com.reelay.app.fleet;

import com.reelay.postgres.fleet.FleetNode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** This instance's part in its fleet, as /readyz shows it and /metrics counts it. */
public final class FleetRole {

    private FleetRole() {
    }

    /** Lines for /readyz, after the checks. */
    public static String describe(FleetNode fleet) {
        return "fleet instance=" + fleet.instanceId() + " live-instances=" + fleet.fleetSize()
                + " owned-chats=" + fleet.ownedChats() + " telegram-poller=" + (fleet.leading() ? "yes" : "no") + "\n";
    }

    /** The line for a Discord front end: the shards it runs and those connected now. */
    public static String describeShards(List<Integer> shards, List<Integer> connected) {
        return "discord shards=" + join(shards) + " connected=" + join(connected) + "\n";
    }

    private static String join(List<Integer> shards) {
        return shards.isEmpty() ? "none" : shards.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    public static void measureShards(Supplier<List<Integer>> connected, MeterRegistry registry) {
        Gauge.builder("reelay.discord.shards.connected", connected, c -> c.get().size())
                .description("Discord gateway shards of this instance connected now").register(registry);
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
