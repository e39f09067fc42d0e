package com.reelay.discord;

import com.reelay.config.ConfigLoader;
import com.reelay.core.conversation.ConversationEngine;
import com.reelay.discord.FakeDiscord.Call;
import com.reelay.discord.FakeDiscord.Interaction;
import com.reelay.discord.Payloads.Person;
import com.reelay.discord.Payloads.Place;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Discord bursts under limits: N people DM the bot at once, or run {@code /video} at once, each
 * generation streaming as long as the simulator says, against the fake Discord that enforces
 * route buckets and the global limit of 50 requests a second (from discord-adapter's tests). The
 * Discord front end runs as bot-app starts it, with Discord's real deadlines. The first message a
 * person sees (the progress message) and the final reply are timed from the burst.
 */
public final class DiscordBurstBench {

    /**
     * What people saw: per person, nanoseconds from the burst to their first message and to the
     * reply offering Export (0: never), and what Discord answered 429 to.
     */
    public record Outcome(long[] firstMessage, long[] finalReply, List<String> rateLimited) {
    }

    /** How people reach the bot. */
    public enum Kind { DIRECT_MESSAGES, SLASH_COMMANDS }

    private static final long GUILD = 1_190_000_000_000_000_001L;
    private static final Place STUDIO = Place.guildChannel(GUILD, 1_190_000_000_000_000_101L);
    private static final Pattern WEBHOOK = Pattern.compile("/api/v10/webhooks/\\d+/([^/]+)(?:/.*)?");
    private static final Pattern CHANNEL = Pattern.compile("/api/v10/channels/(\\d+)/messages(?:/\\d+)?");

    private DiscordBurstBench() {
    }

    /**
     * Runs one burst with {@code engine} (not resumed yet; closed at the end); {@code prompt} is
     * person n's prompt. Waits for every reply, at most {@code limit}.
     */
    public static Outcome run(Kind kind, int people, ConversationEngine engine, IntFunction<String> prompt,
                              Duration limit) throws Exception {
        DiscordSettings defaults = DiscordSettings.defaults(FakeDiscord.BOT_TOKEN);
        try (FakeDiscord discord = new FakeDiscord(GUILD, List.of(STUDIO), defaults.deferDeadline(),
                defaults.interactionTokenLifetime())) {
            DiscordFrontEnd frontEnd = new DiscordFrontEnd(ConfigLoader.load(DiscordSettings.SECTION, Map.of(
                    "DISCORD_BOT_TOKEN", FakeDiscord.BOT_TOKEN, "DISCORD_SESSION_SCOPE", "user-in-channel",
                    "DISCORD_API_BASE", discord.apiBase(), "DISCORD_GATEWAY_URL", discord.gatewayUrl())));
            try {
                frontEnd.start(engine);
                engine.resume();
                if (!discord.awaitIdentify(Duration.ofSeconds(30)) || !frontEnd.awaitReady(Duration.ofSeconds(30))) {
                    throw new IllegalStateException("JDA did not connect to the fake Discord");
                }
                Thread.sleep(2_000); // command registration done, every window clear
                int before = discord.calls().size();
                Instant t0 = Instant.now();
                Map<String, Integer> personOf = new HashMap<>();
                for (int n = 0; n < people; n++) {
                    Person person = new Person(1_190_000_000_000_100_000L + n, "p" + n, "Person " + n);
                    if (kind == Kind.DIRECT_MESSAGES) {
                        Place dm = Place.dm(1_190_000_000_000_200_000L + n);
                        personOf.put(Long.toUnsignedString(dm.channelId()), n);
                        discord.postMessage(dm, person, prompt.apply(n), List.of(), List.of());
                    } else {
                        Interaction command = discord.slashCommand(STUDIO, person, "video", Map.of("prompt", prompt.apply(n)),
                                List.of());
                        personOf.put(command.token, n);
                    }
                }
                long[] first = new long[people];
                long[] last = new long[people];
                long deadline = System.nanoTime() + limit.toNanos();
                while (System.nanoTime() < deadline) {
                    Arrays.fill(first, 0);
                    Arrays.fill(last, 0);
                    List<Call> calls = discord.calls();
                    for (Call c : calls.subList(before, calls.size())) {
                        Integer n = person(kind, c, personOf);
                        if (n == null || c.body() == null) {
                            continue;
                        }
                        long at = Duration.between(t0, c.at()).toNanos();
                        if (first[n] == 0 && c.body().hasKey("content") && !c.body().getString("content", "").isEmpty()) {
                            first[n] = at;
                        }
                        if (last[n] == 0 && c.body().toString().contains("\"custom_id\":\"export\"")) {
                            last[n] = at;
                        }
                    }
                    if (Arrays.stream(last).allMatch(t -> t != 0)) {
                        break;
                    }
                    Thread.sleep(500);
                }
                return new Outcome(first, last, discord.rateLimited());
            } finally {
                engine.close(Duration.ofSeconds(1));
                frontEnd.close();
            }
        }
    }

    private static Integer person(Kind kind, Call c, Map<String, Integer> personOf) {
        Matcher m = (kind == Kind.DIRECT_MESSAGES ? CHANNEL : WEBHOOK).matcher(c.path());
        return m.matches() && !c.method().equals("GET") ? personOf.get(m.group(1)) : null;
    }
}
