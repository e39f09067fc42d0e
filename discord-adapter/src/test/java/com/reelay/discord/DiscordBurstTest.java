package com.reelay.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.reelay.discord.FakeDiscord.Interaction;
import com.reelay.discord.Payloads.Person;
import com.reelay.discord.Payloads.Place;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 300 people at once, against a fake Discord that enforces route buckets and the global limit of
 * 50 requests a second: everyone gets their answer and Discord never answers 429. The send
 * budget paces channel messages under the global limit; JDA keeps to the buckets it is told of.
 */
class DiscordBurstTest {

    private static final long GUILD = 1_189_000_000_000_000_001L;
    private static final Place STUDIO = Place.guildChannel(GUILD, 1_189_000_000_000_000_101L);
    private static final int PEOPLE = 300;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static Person person(int n) {
        return new Person(1_189_000_000_000_100_000L + n, "p" + n, "Person " + n);
    }

    /**
     * One project per person. The deferral window is widened: on a busy test machine 300 gateway
     * events take longer than Discord's 3 s to reach the listener, which is not what is tested here.
     */
    private static ReelayRig rig(Path dir) throws Exception {
        return ReelayRig.start(dir, GUILD, List.of(STUDIO), Map.of("DISCORD_SESSION_SCOPE", "user-in-channel",
                "DISCORD_DEFER_DEADLINE", "60s"), b -> b.timeScale(0.1));
    }

    @Test
    void threeHundredDirectMessagesAtOnceDrawNo429(@TempDir Path dir) throws Exception {
        try (ReelayRig rig = rig(dir)) {
            FakeDiscord discord = rig.discord();
            List<Place> dms = new ArrayList<>();
            for (int n = 0; n < PEOPLE; n++) {
                Place dm = Place.dm(1_189_000_000_000_200_000L + n);
                dms.add(dm);
                discord.postMessage(dm, person(n), "make a video of a lighthouse, take " + n, List.of(), List.of());
            }
            for (int n = 0; n < PEOPLE; n++) {
                discord.await(dms.get(n).channelId(), person(n).id(),
                        m -> m.author == 0 && m.buttons().contains("export"), WAIT);
            }
            assertEquals(List.of(), discord.rateLimited());
            assertEquals(List.of(), discord.refused());
        }
    }

    @Test
    void threeHundredSlashCommandsAtOnceDrawNo429(@TempDir Path dir) throws Exception {
        try (ReelayRig rig = rig(dir)) {
            FakeDiscord discord = rig.discord();
            List<Interaction> commands = new ArrayList<>();
            for (int n = 0; n < PEOPLE; n++) {
                commands.add(discord.slashCommand(STUDIO, person(n), "video",
                        Map.of("prompt", "make a video of a lighthouse, take " + n), List.of()));
            }
            for (Interaction command : commands) {
                discord.await(STUDIO.channelId(), command.person.id(),
                        m -> m == command.original && m.buttons().contains("export"), WAIT);
            }
            assertEquals(List.of(), discord.rateLimited());
            assertEquals(List.of(), discord.refused());
        }
    }
}
