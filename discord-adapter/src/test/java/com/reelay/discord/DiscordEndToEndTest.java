package com.reelay.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.discord.FakeDiscord.Interaction;
import com.reelay.discord.FakeDiscord.Shown;
import com.reelay.discord.Payloads.Person;
import com.reelay.discord.Payloads.Place;
import com.reelay.simulator.Endpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reelay on a fake Discord (REST and gateway on 127.0.0.1) with the real engine and the NemoVideo
 * simulator: what people see after slash commands, buttons, DMs and mentions.
 */
class DiscordEndToEndTest {

    private static final long GUILD = 1_187_000_000_000_000_001L;
    private static final List<Place> CHANNELS = IntStream.rangeClosed(1, 8)
            .mapToObj(n -> Place.guildChannel(GUILD, 1_187_000_000_000_000_100L + n)).toList();
    private static final Person ANA = new Person(1_187_000_000_000_000_201L, "ana", "Ana");
    private static final Person BO = new Person(1_187_000_000_000_000_202L, "bo", "Bo");
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Under a finished draft: export, the timeline, and the quick edits (custom ids). */
    private static final List<String> DRAFT_BUTTONS =
            List.of("export", "status", "edit:vertical", "edit:shorter", "edit:music", "edit:captions");

    @TempDir
    static Path dir;
    private static ReelayRig rig;
    private static FakeDiscord discord;

    @BeforeAll
    static void start() throws Exception {
        rig = ReelayRig.start(dir, GUILD, CHANNELS, Map.of("DISCORD_GUILD_IDS", Long.toString(GUILD)),
                b -> b.timeScale(0.1).renderDurations(Duration.ofSeconds(2), Duration.ofSeconds(8))); // 0.2 s + 0.8 s
        discord = rig.discord();
    }

    @AfterAll
    static void stop() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    private static Shown finished(Interaction interaction, String expected) throws InterruptedException {
        return discord.await(interaction.place.channelId(), interaction.person.id(),
                m -> m == interaction.original && !m.thinking && m.text().contains(expected), WAIT);
    }

    @Test
    void itConnectsWithoutPrivilegedIntentsAndRegistersItsCommandsGloballyAndInTheGuild() throws Exception {
        int guilds = 1;
        int guildMessages = 1 << 9;
        int directMessages = 1 << 12;
        assertEquals(guilds | guildMessages | directMessages, discord.identify().getInt("intents"));
        assertEquals(FakeDiscord.BOT_TOKEN, discord.identify().getString("token"));

        long deadline = System.nanoTime() + WAIT.toNanos();
        while (discord.commandRegistrations().size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Map<String, DataObject> registered = discord.commandRegistrations();
        for (String scope : List.of("global", Long.toUnsignedString(GUILD))) {
            DataArray commands = registered.get(scope).getArray("commands");
            assertEquals(List.of("video", "export", "status", "credits", "new", "projects", "language", "cancel", "help"),
                    commands.stream(DataArray::getObject).map(c -> c.getString("name")).toList(), scope);
            DataObject export = commands.stream(DataArray::getObject).filter(c -> c.getString("name").equals("export"))
                    .findFirst().orElseThrow();
            assertEquals("导出", export.getObject("name_localizations").getString("zh-CN"), scope);
            assertEquals("渲染项目并获取视频", export.getObject("description_localizations").getString("zh-CN"), scope);
        }
        assertTrue(discord.calls().stream().filter(c -> c.path().startsWith("/api/v10/applications/"))
                .allMatch(c -> ("Bot " + FakeDiscord.BOT_TOKEN).equals(c.authorization())));
    }

    @Test
    void videoWithAPromptShowsProgressThenTheAnswerWithButtons() throws Exception {
        Interaction video = discord.slashCommand(CHANNELS.get(0), ANA, "video",
                Map.of("prompt", "make a 5-second video of a city timelapse at night"), List.of());

        Shown answer = finished(video, "city timelapse at night");

        assertTrue(Duration.between(video.dispatchedAt, video.acknowledgedAt).compareTo(Duration.ofSeconds(3)) < 0,
                "deferred within Discord's window");
        assertEquals(DRAFT_BUTTONS, answer.buttons());
        assertTrue(answer.history.get(0).startsWith("⏳"), "progress first: " + answer.history);
        assertFalse(answer.text().contains("Click Export"), "GUI wording translated: " + answer.text());
        assertEquals(List.of(), discord.refused());
    }

    @Test
    void videoWithAnImageUploadsItAndGeneratesFromIt() throws Exception {
        long uploads = rig.simulator().requestCount(Endpoint.UPLOAD);
        byte[] photo = new byte[48_000];
        photo[0] = (byte) 0xFF;
        photo[1] = (byte) 0xD8;
        DataObject beach = Payloads.attachment(Payloads.snowflake(), "beach.jpg", photo.length, "image/jpeg",
                discord.serve("beach.jpg", photo));

        Interaction video = discord.slashCommand(CHANNELS.get(1), ANA, "video",
                Map.of("prompt", "make a video of this beach at sunset"), List.of(beach));

        Shown answer = finished(video, "from your upload");
        assertTrue(answer.text().contains("Uploaded 1 file"), answer.text());
        assertEquals(uploads + 1, rig.simulator().requestCount(Endpoint.UPLOAD));
    }

    @Test
    void aDmWithAPhotoIsAnsweredInTheDm() throws Exception {
        Place dm = Place.dm(1_187_000_000_000_000_301L);
        byte[] photo = new byte[30_000];
        DataObject attachment = Payloads.attachment(Payloads.snowflake(), "IMG_2041.jpg", photo.length, "image/jpeg",
                discord.serve("IMG_2041.jpg", photo));

        long asked = discord.postMessage(dm, BO, "make a video of my dog on the beach", List.of(attachment), List.of());

        Shown answer = discord.await(dm.channelId(), BO.id(), m -> m.author == 0 && m.text().contains("from your upload"), WAIT);
        assertEquals(asked, answer.replyTo, "a reply to the person's message");
        assertEquals(DRAFT_BUTTONS, answer.buttons());
        assertTrue(answer.history.get(0).startsWith("📤"), "upload progress first: " + answer.history);
    }

    @Test
    void aMentionInAChannelWorksLikeVideoAndChatterIsIgnored() throws Exception {
        Place lab = CHANNELS.get(6);
        discord.postMessage(lab, BO, "anyone seen my charger?", List.of(), List.of());
        long asked = discord.postMessage(lab, BO, "<@" + Payloads.APP_ID + "> make a video of a paper boat in the rain",
                List.of(), List.of(new Person(Payloads.APP_ID, "reelay", "Reelay")));

        Shown answer = discord.await(lab.channelId(), BO.id(), m -> m.author == 0 && m.text().contains("paper boat in the rain"), WAIT);
        assertEquals(asked, answer.replyTo);
        assertEquals(3, discord.screen(lab.channelId(), BO.id()).size(), "two messages by Bo, one answer");
    }

    @Test
    void theExportButtonPostsTheVideoWithItsFileAndLink() throws Exception {
        Interaction video = discord.slashCommand(CHANNELS.get(2), ANA, "video",
                Map.of("prompt", "make a video of waves crashing on rocks"), List.of());
        Shown answer = finished(video, "waves crashing on rocks");

        Interaction export = discord.pressButton(answer, ANA, "export");

        Shown posted = discord.await(CHANNELS.get(2).channelId(), ANA.id(),
                m -> m.content.startsWith("🎉 Your video is ready") && !m.files.isEmpty(), WAIT);
        assertTrue(posted.files.get(0).matches("render_.*\\.mp4"), posted.files.toString());
        assertTrue(posted.text().matches("(?s).*http://127\\.0\\.0\\.1:\\d+/cdn/renders/render\\S*\\.mp4.*"), posted.text());
        assertEquals(List.of("status", "new_project", "projects"), posted.buttons());
        assertEquals(export.token, posted.interactionToken, "a follow-up of the button's interaction");
        finished(export, "Rendered");
        assertTrue(export.original.history.stream().anyMatch(t -> t.contains("Rendering")), export.original.history.toString());
        long videoBytes = discord.calls().stream().filter(c -> c.files().contains(posted.files.get(0)))
                .mapToLong(FakeDiscord.Call::fileBytes).max().orElse(0);
        assertEquals(64 * 1024, videoBytes, "the whole video, streamed from NemoVideo");
    }

    @Test
    void statusShowsTheTimelineAsAnEmbed() throws Exception {
        Interaction video = discord.slashCommand(CHANNELS.get(3), ANA, "video",
                Map.of("prompt", "make a video of a lighthouse in a storm"), List.of());
        finished(video, "lighthouse in a storm");

        Interaction status = discord.slashCommand(CHANNELS.get(3), ANA, "status", Map.of(), List.of());

        Shown timeline = finished(status, "Timeline (1 track)");
        DataObject embed = timeline.embeds.getObject(0);
        assertEquals("🎞️ Timeline (1 track)", embed.getString("title"));
        assertTrue(embed.getString("description").startsWith("1. Video: lighthouse in a storm"), embed.toString());
        assertEquals(List.of("export"), timeline.buttons());
    }

    @Test
    void nothingAPromptSaysCanPingEveryone() throws Exception {
        Interaction video = discord.slashCommand(CHANNELS.get(4), ANA, "video",
                Map.of("prompt", "make a video of @everyone dancing at the @here party"), List.of());

        Shown answer = finished(video, "dancing at the");

        assertTrue(answer.content.contains("@\u200Beveryone dancing at the @\u200Bhere party"), answer.content);
        List<FakeDiscord.Call> messages = discord.calls().stream()
                .filter(c -> c.path().contains(video.token) && c.body().hasKey("content")).toList();
        assertFalse(messages.isEmpty());
        for (FakeDiscord.Call c : messages) {
            DataObject allowed = c.body().getObject("allowed_mentions");
            assertEquals(0, allowed.getArray("parse").length(), c.body().toString());
            assertTrue(allowed.isNull("users") && allowed.isNull("roles"), allowed.toString());
        }
    }

    @Test
    void aLongReplyIsSplitIntoMessagesDiscordAccepts() throws Exception {
        String title = "A story of the city that never sleeps, told in light and motion. ".repeat(47).strip();
        assertTrue(title.length() > 3000);

        Interaction video = discord.slashCommand(CHANNELS.get(5), ANA, "video",
                Map.of("prompt", "add the title \"" + title + "\""), List.of());

        Shown last = discord.await(CHANNELS.get(5).channelId(), ANA.id(),
                m -> m != video.original && m.interactionToken != null && m.text().contains("first 3 seconds"), WAIT);
        Shown first = finished(video, "Added the title");
        assertTrue(first.content.length() <= 2000 && last.content.length() <= 2000,
                first.content.length() + " + " + last.content.length());
        assertEquals(List.of(), first.buttons());
        assertEquals(DRAFT_BUTTONS, last.buttons(), "buttons under the last part");
        String shown = (first.content + " " + last.content).replace("\\", "");
        assertTrue(shown.replaceAll("\\s+", " ").contains(title), "nothing lost");
    }

    @Test
    void privateAnswersStayWithThePerson() throws Exception {
        Interaction help = discord.slashCommand(CHANNELS.get(7), BO, "help", Map.of(), List.of());

        Shown answer = finished(help, "/export");

        assertTrue(answer.ephemeral);
        assertTrue(discord.screen(CHANNELS.get(7).channelId(), ANA.id()).isEmpty(), "nobody else sees it");
    }

    @Test
    void aPersonWhoseDiscordIsInChineseIsAnsweredInChinese() throws Exception {
        Place dm = Place.dm(1_187_000_000_000_000_302L);
        Person li = new Person(1_187_000_000_000_000_203L, "li", "Li");
        Interaction video = discord.slashCommand(dm, li, "zh-CN", "video",
                Map.of("prompt", "make a 5-second video of a city timelapse at night"), List.of());

        // The rig's NemoVideo account is shared by every chat: the receipt says what is left.
        Shown answer = finished(video, "💳 剩余");
        assertTrue(answer.text().contains("发送“导出”或按下方的“导出”按钮"), answer.text());
        assertEquals("⏳ 正在连接…", answer.history.get(0));
        assertEquals(DRAFT_BUTTONS, answer.buttons());
        assertTrue(answer.components.toString().contains("导出"), answer.components.toString());
    }

    @Test
    void aRefusalOfOnePersonsMessageIsShownToThemAlone() throws Exception {
        Place lab = CHANNELS.get(7);
        Interaction video = discord.slashCommand(lab, BO, "video", Map.of("prompt", "x".repeat(4100)), List.of());

        Shown refusal = discord.await(lab.channelId(), BO.id(),
                m -> m.text().startsWith("That message is 4,100 characters long"), WAIT);
        assertTrue(refusal.ephemeral, "an ephemeral follow-up");
        assertTrue(discord.screen(lab.channelId(), ANA.id()).stream().noneMatch(m -> m.text().contains("4,100")),
                "nobody else sees it");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (discord.screen(lab.channelId(), ANA.id()).contains(video.original) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(discord.screen(lab.channelId(), ANA.id()).contains(video.original), "no public \"thinking…\" left behind");
    }

    @Test
    void neitherTheBotTokenNorAnInteractionTokenIsLogged() throws Exception {
        Interaction credits = discord.slashCommand(CHANNELS.get(7), ANA, "credits", Map.of(), List.of());
        finished(credits, "Credits:");

        rig.assertNothingLogged(FakeDiscord.BOT_TOKEN);
        for (String token : discord.interactionTokens()) {
            rig.assertNothingLogged(token);
        }
    }
}
