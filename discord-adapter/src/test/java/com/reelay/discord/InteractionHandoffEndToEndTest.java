package com.reelay.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.discord.FakeDiscord.Interaction;
import com.reelay.discord.FakeDiscord.Shown;
import com.reelay.discord.Payloads.Person;
import com.reelay.discord.Payloads.Place;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A render that outlives its interaction's token, with Discord's 15 minutes shrunk to 4 seconds
 * (on both sides: the fake refuses the token after that). The progress must leave the token in
 * time and carry on in a channel message that mentions the person.
 */
class InteractionHandoffEndToEndTest {

    private static final long GUILD = 1_188_000_000_000_000_001L;
    private static final Place STUDIO = Place.guildChannel(GUILD, 1_188_000_000_000_000_101L);
    private static final Person ANA = new Person(1_188_000_000_000_000_201L, "ana", "Ana");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aJobThatOutlivesTheInteractionTokenContinuesInTheChannel(@TempDir Path dir) throws Exception {
        Map<String, String> settings = Map.of("DISCORD_INTERACTION_TOKEN_LIFETIME", "4s",
                "DISCORD_DEFER_DEADLINE", "3s", "DISCORD_HANDOFF_MARGIN", "1500ms");
        // Scaled by 0.1: the render waits 0.5 s, then processes for 6 s, well past the 4-second token.
        try (ReelayRig rig = ReelayRig.start(dir, GUILD, List.of(STUDIO), settings,
                b -> b.timeScale(0.1).renderDurations(Duration.ofSeconds(5), Duration.ofSeconds(60)))) {
            FakeDiscord discord = rig.discord();
            Interaction video = discord.slashCommand(STUDIO, ANA, "video",
                    Map.of("prompt", "make a video of a harbour at dawn"), List.of());
            Shown answer = discord.await(STUDIO.channelId(), ANA.id(),
                    m -> m == video.original && m.buttons().contains("export"), WAIT);

            Interaction export = discord.pressButton(answer, ANA, "export");

            Shown moved = discord.await(STUDIO.channelId(), ANA.id(),
                    m -> m.author == 0 && m.interactionToken == null && m.content.startsWith("<@" + ANA.id() + ">"), WAIT);
            assertEquals("{\"parse\":[],\"replied_user\":false,\"users\":[\"" + ANA.id() + "\"]}",
                    moved.allowedMentionsAtCreation, "the person is pinged once, nobody else");
            Shown video2 = discord.await(STUDIO.channelId(), ANA.id(),
                    m -> m.author == 0 && m.content.startsWith("🎉 Your video is ready"), WAIT);

            assertTrue(export.original.history.stream().anyMatch(t -> t.contains("Rendering")),
                    "progress went through the token first: " + export.original.history);
            assertEquals(DiscordMessages.CONTINUED_BELOW, export.original.content, "the token's message points below");
            assertEquals("<@" + ANA.id() + "> ✅ Rendered.", moved.content, discord.describe(STUDIO.channelId(), ANA.id()));
            assertTrue(moved.history.size() > 1, "kept updating the channel message: " + moved.history);
            assertNull(video2.interactionToken, "the video is a channel message: " + video2);
            assertTrue(video2.allowedMentionsAtCreation.equals("{\"parse\":[],\"replied_user\":false}"),
                    "no second ping: " + video2.allowedMentionsAtCreation);
            assertEquals(1, video2.files.size());
            assertEquals(List.of(), discord.refused(), "nothing used the token after it died");
        }
    }
}
