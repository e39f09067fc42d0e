package com.reelay.discord;

import com.reelay.core.testing.EnglishButtons;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.core.chat.Action;
import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.FinishedVideo;
import com.reelay.core.chat.MessageRef;
import com.reelay.core.chat.Phrasebook;
import com.reelay.core.chat.Reply;
import com.reelay.core.chat.Urgency;
import com.reelay.core.chat.send.SendLimits;
import com.reelay.core.testing.ManualScheduler;
import com.reelay.discord.RecordingTransport.Call;
import com.reelay.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import net.dv8tion.jda.api.utils.data.DataArray;
import org.junit.jupiter.api.Test;

/** Where each answer goes, on a clock the test moves: through the token, then the channel. */
class DiscordOutputTest {

    private static final Instant ISSUED = Instant.parse("2026-03-01T12:00:00Z");
    private static final long ANA = 1_100_000_000_000_000_004L;
    private static final long LAB = 1_100_000_000_000_000_002L;
    private static final ChatRef CHAT = new ChatRef("discord", Long.toUnsignedString(LAB));

    private final MutableClock clock = new MutableClock(ISSUED.plusMillis(150));
    private final RecordingTransport discord = new RecordingTransport();
    private final DiscordSettings settings = DiscordSettings.defaults("test-token");
    private final ManualScheduler sendTime = new ManualScheduler();
    private final DiscordOutput output = new DiscordOutput(discord, settings, clock,
            DiscordLimits.budget(settings.sendMargin(), sendTime));

    private InteractionReplies interaction(String requestId, boolean ephemeral) {
        InteractionReplies replies = new InteractionReplies(requestId, null, new ChatAddress(LAB, 0), ANA, ephemeral,
                InteractionDeadlines.of(ISSUED, clock.instant(), settings), Phrasebook.english());
        output.register(replies);
        replies.acknowledged();
        return replies;
    }

    private static String mentionsOf(Call call) {
        return call.allowedMentions().toString();
    }

    @Test
    void theFirstAnswerReplacesTheDeferredResponseAndLaterOnesFollowUp() {
        interaction("i1", false);

        MessageRef progress = output.send(CHAT, "i1", Reply.text("⏳ Connecting…")).join();
        MessageRef more = output.send(CHAT, "i1", new Reply("part two", EnglishButtons.of(Action.EXPORT, Action.STATUS))).join();

        List<Call> calls = discord.calls();
        assertEquals("token-edit", calls.get(0).kind());
        assertEquals("@original", calls.get(0).messageId());
        assertEquals("⏳ Connecting…", calls.get(0).content());
        assertEquals("followup", calls.get(1).kind());
        DataArray buttons = calls.get(1).body().getArray("components").getObject(0).getArray("components");
        assertEquals(List.of("export", "status"),
                List.of(buttons.getObject(0).getString("custom_id"), buttons.getObject(1).getString("custom_id")));
        assertFalse(progress.messageId().equals(more.messageId()));
        assertEquals(CHAT, progress.chat());
    }

    @Test
    void editsGoThroughTheTokenUntilTheHandoff() {
        interaction("i1", false);
        MessageRef progress = output.send(CHAT, "i1", Reply.text("⏳ Connecting…")).join();
        MessageRef second = output.send(CHAT, "i1", Reply.text("more")).join();

        clock.set(ISSUED.plus(Duration.ofMinutes(13)).plusSeconds(59));
        output.edit(progress, Reply.text("🎬 Generating video… (13m 59s)")).join();
        output.edit(second, Reply.text("more, edited")).join();

        List<Call> edits = discord.calls("token-edit");
        assertEquals(List.of("@original", "@original", second.messageId()),
                edits.stream().map(Call::messageId).toList());
        assertTrue(discord.calls("channel-send").isEmpty());
    }

    @Test
    void atTheHandoffProgressMovesToAChannelMessageThatMentionsThePersonOnce() {
        interaction("i1", false);
        MessageRef progress = output.send(CHAT, "i1", Reply.text("⏳ Preparing your export…")).join();

        clock.set(ISSUED.plus(Duration.ofMinutes(14)).plusSeconds(1)); // handoff: one minute before the token dies
        output.edit(progress, Reply.text("🎬 Rendering your video… 60%")).join();
        output.edit(progress, Reply.text("🎬 Rendering your video… 80%")).join();
        output.sendVideo(CHAT, "i1", new FinishedVideo("https://cdn.example/renders/render_1.mp4", 5_000_000,
                new Reply("🎉 Your video is ready: https://cdn.example/renders/render_1.mp4", EnglishButtons.of(Action.STATUS)))).join();

        List<Call> sends = discord.calls("channel-send");
        Call moved = sends.get(0);
        assertEquals("<@" + ANA + "> 🎬 Rendering your video… 60%", moved.content());
        assertEquals("{\"parse\":[],\"replied_user\":false,\"users\":[\"" + ANA + "\"]}", mentionsOf(moved));
        Call pointer = discord.calls("token-edit").get(1);
        assertEquals("@original", pointer.messageId());
        assertEquals(Phrasebook.english().phrase("discord.continued_below"), pointer.content());

        Call update = discord.calls("channel-edit").get(0);
        assertEquals("<@" + ANA + "> 🎬 Rendering your video… 80%", update.content(), "the mention stays, without a ping");
        assertEquals(moved.result(), update.messageId());
        assertEquals("{\"parse\":[],\"replied_user\":false}", mentionsOf(update));

        Call video = sends.get(1);
        assertTrue(video.content().startsWith("🎉 Your video is ready"), "no second mention: " + video.content());
        assertEquals(List.of("render_1.mp4"), video.files());
        assertEquals(2, discord.calls("token-edit").size(), "nothing else went through the dying token");
    }

    @Test
    void onceTheTokenIsDeadNothingTouchesIt() {
        interaction("i1", false);
        MessageRef progress = output.send(CHAT, "i1", Reply.text("⏳ Preparing your export…")).join();

        clock.set(ISSUED.plus(Duration.ofMinutes(16)));
        output.edit(progress, Reply.text("✅ Rendered.")).join();

        assertEquals(1, discord.calls("token-edit").size());
        assertEquals("<@" + ANA + "> ✅ Rendered.", discord.calls("channel-send").get(0).content());
    }

    @Test
    void aRequestThatWaitedPastTheHandoffStillRetiresTheThinkingResponse() {
        interaction("i1", false);

        clock.set(ISSUED.plus(Duration.ofMinutes(14)).plusSeconds(30));
        output.send(CHAT, "i1", Reply.text("⏳ Connecting…")).join();

        assertEquals("<@" + ANA + "> ⏳ Connecting…", discord.calls("channel-send").get(0).content());
        Call pointer = discord.calls("token-edit").get(0);
        assertEquals(List.of("@original", Phrasebook.english().phrase("discord.continued_below")), List.of(pointer.messageId(), pointer.content()));
    }

    @Test
    void privateAnswersStayPrivateAndAreDroppedOnceTheTokenDies() {
        interaction("i2", true);
        output.send(CHAT, "i2", Reply.text("Credits: 100 available")).join();
        output.send(CHAT, "i2", Reply.text("and more")).join();
        assertTrue(discord.calls().stream().allMatch(Call::ephemeral));

        clock.set(ISSUED.plus(Duration.ofMinutes(14)).plusSeconds(30)); // past the handoff, token still alive
        output.send(CHAT, "i2", Reply.text("still private")).join();
        assertEquals("followup", discord.calls().get(2).kind());

        clock.set(ISSUED.plus(Duration.ofMinutes(15)));
        assertThrows(CompletionException.class, () -> output.send(CHAT, "i2", Reply.text("too late")).join());
        assertEquals(3, discord.calls().size(), "never posted publicly");
    }

    @Test
    void anInteractionThatCouldNotBeAcknowledgedIsAnsweredInTheChannel() {
        InteractionReplies replies = interaction("i3", false);
        replies.lost();

        output.send(CHAT, "i3", Reply.text("⏳ Connecting…")).join();

        assertEquals(List.of("channel-send"), discord.calls().stream().map(Call::kind).toList());
        assertEquals("<@" + ANA + "> ⏳ Connecting…", discord.calls().get(0).content());
    }

    @Test
    void aFailingTokenFallsBackToTheChannel() {
        interaction("i4", false);
        discord.fail("token-edit");

        MessageRef ref = output.send(CHAT, "i4", Reply.text("⏳ Connecting…")).join();

        Call sent = discord.calls("channel-send").get(0);
        assertEquals("<@" + ANA + "> ⏳ Connecting…", sent.content());
        output.edit(ref, Reply.text("done")).join();
        assertEquals(ref.messageId(), discord.calls("channel-edit").get(0).messageId());
    }

    @Test
    void answersToADmMessageReplyToIt() {
        ChatRef dm = new ChatRef("discord", "1100000000000000003:" + ANA);

        MessageRef ref = output.send(dm, "m1300000000000000009", Reply.text("📤 Uploading your file…")).join();
        output.edit(ref, Reply.text("✅ Uploaded 1 file")).join();

        Call sent = discord.calls("channel-send").get(0);
        assertEquals(List.of("1100000000000000003", 1_300_000_000_000_000_009L), List.of(sent.target(), sent.replyTo()));
        assertEquals("{\"parse\":[],\"replied_user\":false}", mentionsOf(sent));
        assertEquals(ref.messageId(), discord.calls("channel-edit").get(0).messageId());
    }

    @Test
    void aMessageUnknownAfterARestartIsEditedInTheChannelAndReplacedIfGone() {
        MessageRef old = new MessageRef(CHAT, "1300000000000000042");
        discord.delete("1300000000000000042");

        output.edit(old, Reply.text("🎬 Rendering your video… 40%")).join();
        output.edit(old, Reply.text("🎬 Rendering your video… 90%")).join();

        List<Call> calls = discord.calls();
        assertEquals(List.of("channel-edit", "channel-send", "channel-edit"), calls.stream().map(Call::kind).toList());
        assertEquals("🎬 Rendering your video… 40%", calls.get(1).content());
        assertFalse(calls.get(2).messageId().equals(old.messageId()), "later edits go to the replacement");
    }

    @Test
    void aVideoIsAttachedOnlyWhenItFitsTheLimitTheInteractionReported() {
        InteractionReplies replies = interaction("i5", false);
        replies.uploadLimit(25L * 1024 * 1024);
        Reply caption = Reply.text("🎉 Your video is ready: https://cdn.example/renders/render_2.mp4?sig=1");

        discord.videoSize(20L * 1024 * 1024);
        output.sendVideo(CHAT, "i5", new FinishedVideo("https://cdn.example/renders/render_2.mp4?sig=1", -1, caption)).join();
        discord.videoSize(30L * 1024 * 1024);
        output.sendVideo(CHAT, "i5", new FinishedVideo("https://cdn.example/renders/render_2.mp4?sig=1", -1, caption)).join();
        discord.videoSize(-1);
        output.sendVideo(CHAT, "i5", new FinishedVideo("https://cdn.example/renders/render_2.mp4?sig=1", -1, caption)).join();

        List<Call> calls = discord.calls();
        assertEquals(List.of(List.of("render_2.mp4"), List.of(), List.of()), calls.stream().map(Call::files).toList());
        assertTrue(calls.stream().allMatch(c -> c.content().contains("https://cdn.example/renders/render_2.mp4?sig=1")),
                "the link always");
    }

    @Test
    void aVideoThatFailsToUploadIsPostedAsALink() {
        discord.fail("file");
        ChatRef dm = new ChatRef("discord", "1100000000000000003:" + ANA);

        output.sendVideo(dm, "", new FinishedVideo("http://127.0.0.1:9/cdn/renders/r.mp4", 4_000_000,
                Reply.text("🎉 Your video is ready: http://127.0.0.1:9/cdn/renders/r.mp4"))).join();

        assertEquals(List.of(List.of("r.mp4"), List.of()), discord.calls().stream().map(Call::files).toList());
        assertEquals(settings.defaultUploadLimit(), output.capabilities().maxUploadBytes());
    }

    @Test
    void discordSplitsBelowItsLimitSoEscapesAndAMentionFit() {
        assertEquals(1900, output.capabilities().maxTextLength());
        assertTrue(output.capabilities().canEdit() && output.capabilities().buttons());
    }

    private static ChatRef dm(int n) {
        return new ChatRef("discord", (1_100_000_000_000_100_000L + n) + ":" + (1_100_000_000_000_200_000L + n));
    }

    @Test
    void channelMessagesArePacedUnderTheGlobalLimitWhileInteractionAnswersAreNot() {
        for (int n = 0; n < 60; n++) {
            output.send(dm(n), "", Reply.text("⏳ Connecting…").as(Urgency.ACKNOWLEDGEMENT));
        }
        assertEquals(DiscordLimits.GLOBAL.calls(), discord.calls("channel-send").size(), "a second's worth at once");
        interaction("i1", false);
        output.send(CHAT, "i1", Reply.text("⏳ Connecting…").as(Urgency.ACKNOWLEDGEMENT)).join();
        assertEquals(1, discord.calls("token-edit").size(), "the interaction's token is not counted");

        sendTime.advance(Duration.ofSeconds(1));
        assertEquals(DiscordLimits.GLOBAL.calls(), discord.calls("channel-send").size());
        sendTime.advance(settings.sendMargin());
        assertEquals(60, discord.calls("channel-send").size());
    }

    @Test
    void aFinalReplyGoesBeforeOtherChatsProgressEdits() {
        List<MessageRef> progress = new java.util.ArrayList<>();
        for (int n = 0; n < DiscordLimits.GLOBAL.calls(); n++) {
            progress.add(output.send(dm(n), "", Reply.text("⏳ Connecting…").as(Urgency.ACKNOWLEDGEMENT)).join());
        }
        for (MessageRef p : progress.subList(1, progress.size())) {
            output.edit(p, Reply.text("🎬 Generating video…").as(Urgency.PROGRESS));
        }
        output.edit(progress.get(0), Reply.text("Here is your plan."));
        sendTime.advance(Duration.ofSeconds(1).plus(settings.sendMargin()));
        List<Call> edits = discord.calls("channel-edit");
        assertEquals("Here is your plan.", edits.get(0).content(), "the answer went first");
        assertEquals((int) Math.floor(DiscordLimits.GLOBAL.calls() * SendLimits.DEFAULT_ELASTIC_SHARE), edits.size(),
                "then progress, up to the elastic share of the second");
    }
}
