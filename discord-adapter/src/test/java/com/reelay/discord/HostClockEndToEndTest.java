package com.reelay.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.discord.FakeDiscord.Interaction;
import com.reelay.discord.FakeDiscord.Shown;
import com.reelay.discord.Payloads.Person;
import com.reelay.discord.Payloads.Place;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discord's deadlines run on Discord's clock, not this host's: a VM without NTP may run seconds
 * ahead or behind, and every interaction must still be acknowledged and answered through its token.
 */
class HostClockEndToEndTest {

    private static final long GUILD = 1_189_000_000_000_000_001L;
    private static final Place STUDIO = Place.guildChannel(GUILD, 1_189_000_000_000_000_101L);
    private static final Person ANA = new Person(1_189_000_000_000_000_201L, "ana", "Ana");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aHostClockTenSecondsAheadStillAcknowledgesAndAnswersThroughTheInteraction(@TempDir Path dir) throws Exception {
        Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(10));
        try (ReelayRig rig = ReelayRig.start(dir, GUILD, List.of(STUDIO), Map.of(),
                b -> b, ahead)) {
            FakeDiscord discord = rig.discord();
            Interaction help = discord.slashCommand(STUDIO, ANA, "help", Map.of(), List.of());

            Shown answer = discord.await(STUDIO.channelId(), ANA.id(), m -> m == help.original && !m.thinking, WAIT);

            assertNotNull(help.acknowledgedAt, "acknowledged");
            assertTrue(answer.text().contains("/export"), answer.text());
            assertTrue(answer.ephemeral, "help stays private, as only the token can make it");
            assertEquals(List.of(), discord.refused());
        }
    }

    @Test
    void whenDiscordRefusesTheAcknowledgementTheAnswerGoesToTheChannel(@TempDir Path dir) throws Exception {
        try (ReelayRig rig = ReelayRig.start(dir, GUILD, List.of(STUDIO), Map.of(),
                b -> b)) {
            FakeDiscord discord = rig.discord();
            discord.refuseAcknowledgements();
            Interaction status = discord.slashCommand(STUDIO, ANA, "status", Map.of(), List.of());

            Shown answer = discord.await(STUDIO.channelId(), ANA.id(),
                    m -> m.interactionToken == null && m.content.contains("No project yet"), WAIT);

            assertTrue(answer.content.startsWith("<@" + ANA.id() + ">"), "the person is told where: " + answer.content);
            assertEquals(null, status.original, "nothing went through the refused token");
            assertEquals(List.of("acknowledgement refused, as the test asked"), discord.refused(),
                    "no call through the token after Discord refused it");
        }
    }
}
