package com.reelay.postgres.fleet;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * One instance's place in a fleet sharing a PostgreSQL database ({@code reelay.fleet}).
 *
 * @param instanceId how this instance is named in the fleet's records and logs; empty: host and
 *                   process id, so a restarted process is a new member (it takes its own old
 *                   chats over, resuming what they left, like any other member would)
 * @param deadAfter  an instance silent this long is declared dead and its chats are taken over
 */
public record FleetSettings(String instanceId, Duration deadAfter) {

    public FleetSettings {
        instanceId = instanceId == null ? "" : instanceId.strip();
        if (deadAfter == null || deadAfter.toMillis() < 300) {
            throw new IllegalArgumentException("fleet.dead-after must be at least 300ms (heartbeats come three times"
                    + " within it), got " + deadAfter);
        }
        if (!instanceId.matches("[A-Za-z0-9._:@-]{0,64}")) {
            throw new IllegalArgumentException("fleet.instance-id may hold only letters, digits and . _ : @ -"
                    + " (at most 64), got \"" + instanceId + "\"");
        }
    }

    public static FleetSettings defaults() {
        return new FleetSettings("", Membership.DEFAULT_DEAD_AFTER);
    }

    /** The configured id, else this host and process ({@code host@pid}'s JVM name, e.g. {@code 4242@web-1}). */
    public String effectiveInstanceId() {
        return instanceId.isEmpty() ? ManagementFactory.getRuntimeMXBean().getName() : instanceId;
    }
}
