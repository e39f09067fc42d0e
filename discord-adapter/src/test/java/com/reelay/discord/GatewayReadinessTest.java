package com.reelay.discord;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.discord.Payloads.Place;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readiness follows the gateway: connected now, not "was ready once". */
class GatewayReadinessTest {

    private static final long GUILD = 1_190_000_000_000_000_001L;
    private static final Place STUDIO = Place.guildChannel(GUILD, 1_190_000_000_000_000_101L);

    @Test
    void discordIsConnectedOnlyWhileTheGatewayIs(@TempDir Path dir) throws Exception {
        try (ReelayRig rig = ReelayRig.start(dir, GUILD, List.of(STUDIO), java.util.Map.of(),
                b -> b)) {
            awaitConnected(rig, true, "never connected");

            rig.discord().dropGateway();

            awaitConnected(rig, false, "still connected after the gateway dropped");
        }
    }

    /** JDA changes its status on its own threads: nothing to latch on, so this polls with a deadline. */
    private static void awaitConnected(ReelayRig rig, boolean connected, String otherwise) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (rig.frontEnd().connected() != connected) {
            assertTrue(System.nanoTime() < deadline, otherwise);
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}
