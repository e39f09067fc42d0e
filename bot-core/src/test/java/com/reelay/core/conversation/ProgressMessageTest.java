package com.reelay.core.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.core.chat.Action;
import com.reelay.core.chat.Button;
import com.reelay.core.chat.Activity;
import com.reelay.core.chat.Capabilities;
import com.reelay.core.chat.ChatOutput;
import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.FinishedVideo;
import com.reelay.core.chat.MessageRef;
import com.reelay.core.chat.Reply;
import com.reelay.core.chat.SendLine;
import com.reelay.core.chat.Urgency;
import com.reelay.core.testing.ManualScheduledExecutor;
import com.reelay.core.testing.RecordingChatOutput;
import com.reelay.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProgressMessageTest {

    private static final Button EXPORT = new Button("Export", Action.EXPORT);
    private static final Phrases EN = Phrases.english();

    private final ChatRef chat = new ChatRef("test", "1");
    private final MutableClock clock = new MutableClock();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private static List<String> history(RecordingChatOutput out, ChatRef chat) {
        return out.messages(chat).get(0).versions.stream().map(Reply::text).collect(Collectors.toList());
    }

    @Test
    void updatesWithinTheIntervalWaitAndTheFinalReplyReplacesThem() throws Exception {
        RecordingChatOutput out = RecordingChatOutput.telegramLike();
        ProgressMessage p = ProgressMessage.start(out, chat, "Connecting…", clock, scheduler, new EditPace(Duration.ofHours(1)), "r1");
        p.update("stage 1");
        p.update("stage 2");
        assertEquals(List.of("Connecting…"), history(out, chat), "no edit before the interval passed");
        p.finish("Here is your video plan.", List.of(EXPORT)).get(5, TimeUnit.SECONDS);
        assertEquals(List.of("Connecting…", "Here is your video plan."), history(out, chat));
        assertEquals(List.of(EXPORT), out.messages(chat).get(0).current().buttons());
        p.update("late stage");
        assertEquals(2, history(out, chat).size(), "nothing after the final reply");
    }

    @Test
    void anUpdateAfterTheIntervalIsSentAtOnce() {
        RecordingChatOutput out = RecordingChatOutput.telegramLike();
        ProgressMessage p = ProgressMessage.start(out, chat, "Connecting…", clock, scheduler, new EditPace(Duration.ofSeconds(3)), "r1");
        clock.advance(Duration.ofSeconds(3));
        p.update("stage 1");
        assertEquals(List.of("Connecting…", "stage 1"), history(out, chat));
    }

    @Test
    void aScheduledEditSendsOnlyTheNewestPendingText() throws Exception {
        RecordingChatOutput out = RecordingChatOutput.telegramLike();
        // Real time here: the scheduled edit fires on a real scheduler and re-checks the chat's budget.
        ProgressMessage p = ProgressMessage.start(out, chat, "Connecting…", java.time.Clock.systemUTC(), scheduler,
                new EditPace(Duration.ofMillis(30)), "r1");
        p.update("a");
        p.update("b");
        p.update("c");
        out.awaitMessage(chat, "c"::equals, Duration.ofSeconds(5));
        assertEquals(List.of("Connecting…", "c"), history(out, chat));
    }

    @Test
    void twoProgressMessagesInOneChatShareItsEditBudget() {
        RecordingChatOutput out = RecordingChatOutput.telegramLike();
        EditPace pace = new EditPace(Duration.ofSeconds(3));
        ProgressMessage render = ProgressMessage.start(out, chat, "Rendering 0%", clock, scheduler, pace, "r1");
        ProgressMessage reply = ProgressMessage.start(out, chat, "Connecting…", clock, scheduler, pace, "r2");
        clock.advance(Duration.ofSeconds(3));
        render.update("Rendering 40%");
        reply.update("Generating video…");
        assertEquals(1, out.edits(), "one edit per interval for the whole chat");
    }

    @Test
    void finalReplyLongerThanThePlatformAllowsFollowsInMoreMessages() throws Exception {
        RecordingChatOutput out = new RecordingChatOutput(new Capabilities(200, true, true, 0));
        ProgressMessage p = ProgressMessage.start(out, chat, "Connecting…", clock, scheduler, new EditPace(Duration.ZERO), "r1");
        String reply = ("This sentence is part of a long answer. ").repeat(12).strip();
        p.finish(reply, List.of(EXPORT)).get(5, TimeUnit.SECONDS);
        List<RecordingChatOutput.Message> messages = out.messages(chat);
        assertEquals(3, messages.size());
        assertEquals(List.of(), messages.get(0).current().buttons());
        assertEquals(List.of(EXPORT), messages.get(2).current().buttons());
        assertEquals(reply.replace(" ", ""), messages.stream().map(RecordingChatOutput.Message::text)
                .collect(Collectors.joining()).replace(" ", ""));
    }

    @Test
    void platformsThatCannotEditGetOnlyTheFinalReply() throws Exception {
        RecordingChatOutput out = new RecordingChatOutput(new Capabilities(2000, false, false, 0));
        ProgressMessage p = ProgressMessage.start(out, chat, "Connecting…", clock, scheduler, new EditPace(Duration.ZERO), "r1");
        p.update("stage");
        p.finish("done", List.of(EXPORT)).get(5, TimeUnit.SECONDS);
        assertEquals(List.of("Connecting…", "done"), out.texts(chat));
        assertEquals(0, out.edits());
        assertEquals(List.of(), out.messages(chat).get(1).current().buttons(), "no buttons where the platform has none");
    }

    @Test
    void thePostAcknowledgesTheEditsAreProgressAndTheFinalReplyIsTheAnswer() throws Exception {
        RecordingChatOutput out = RecordingChatOutput.telegramLike();
        ProgressMessage p = ProgressMessage.start(out, chat, "Connecting…", clock, scheduler, new EditPace(Duration.ZERO), "r1");
        p.update("stage 1");
        p.finish("Here is your plan.", List.of(EXPORT)).get(5, TimeUnit.SECONDS);
        List<Urgency> classes = out.messages(chat).get(0).versions.stream().map(Reply::urgency).toList();
        assertEquals(List.of(Urgency.ACKNOWLEDGEMENT, Urgency.PROGRESS, Urgency.ANSWER), classes);
    }

    /** A platform whose send budget has not sent the progress edit yet (it waits behind others). */
    private static final class WaitingBudget implements ChatOutput {
        final RecordingChatOutput screen = RecordingChatOutput.telegramLike();
        final List<String> handedOver = new ArrayList<>();

        @Override
        public Capabilities capabilities() {
            return screen.capabilities();
        }

        @Override
        public CompletableFuture<MessageRef> send(ChatRef chat, String requestId, Reply reply) {
            return screen.send(chat, requestId, reply);
        }

        @Override
        public CompletableFuture<Void> edit(MessageRef message, Reply reply) {
            handedOver.add(reply.urgency() + " " + reply.text());
            return reply.urgency() == Urgency.PROGRESS ? new CompletableFuture<>() : screen.edit(message, reply);
        }

        @Override
        public CompletableFuture<MessageRef> sendVideo(ChatRef chat, String requestId, FinishedVideo video) {
            return screen.sendVideo(chat, requestId, video);
        }

        @Override
        public void showActivity(ChatRef chat, Activity activity) {
        }
    }

    @Test
    void theFinalReplyNeverWaitsBehindAProgressEditStillInTheLine() throws Exception {
        WaitingBudget out = new WaitingBudget();
        ProgressMessage p = ProgressMessage.start(out, chat, "Connecting…", clock, scheduler, new EditPace(Duration.ZERO), "r1");
        p.update("Generating video…");
        CompletableFuture<Void> done = p.finish("Here is your plan.", List.of(EXPORT));
        assertEquals(List.of("PROGRESS Generating video…", "ANSWER Here is your plan."), out.handedOver);
        done.get(5, TimeUnit.SECONDS);
        assertEquals("Here is your plan.", out.screen.messages(chat).get(0).text());
    }

    private final RecordingChatOutput out = RecordingChatOutput.telegramLike();
    private final ManualScheduledExecutor timers = new ManualScheduledExecutor(clock);

    /** A progress message posted now with the engine's 3 s interval, on hand-moved timers. */
    private ProgressMessage paced(String text) {
        return ProgressMessage.start(out, chat, text, clock, timers, new EditPace(Duration.ofSeconds(3)), "r1");
    }

    /** The platform's budget is contended (a chat's fair share is {@code fairShare}) when the stage changes. */
    private ProgressMessage stageChangeUnderContention(Duration fairShare) {
        ProgressMessage p = paced("Connecting…");
        out.sendLine(new SendLine(500, fairShare));
        timers.advance(Duration.ofSeconds(3));
        p.update("🎬 Generating video…");
        return p;
    }

    @Test
    void underContentionTheCadenceStretchesToTheFairShareAndComesBackWhenTheBudgetFrees() {
        ProgressMessage p = stageChangeUnderContention(Duration.ofSeconds(20));
        timers.advance(Duration.ofSeconds(16));
        assertEquals(List.of("Connecting…"), history(out, chat), "no edit before the chat's fair share of 20 s");
        timers.advance(Duration.ofSeconds(1));
        assertEquals(List.of("Connecting…", "🎬 Generating video…"), history(out, chat));

        out.sendLine(SendLine.FREE);
        timers.advance(Duration.ofSeconds(3));
        p.update("🎵 Adding music…");
        assertEquals(List.of("Connecting…", "🎬 Generating video…", "🎵 Adding music…"), history(out, chat),
                "the budget is free again: the engine's interval applies");
    }

    @Test
    void aFreedBudgetShortensAWaitThatWasStretched() {
        stageChangeUnderContention(Duration.ofSeconds(60));
        out.sendLine(SendLine.FREE);
        timers.advance(Duration.ofSeconds(3));
        assertEquals(List.of("Connecting…", "🎬 Generating video…"), history(out, chat),
                "sent within one engine interval of the budget freeing, not after 60 s");
    }

    @Test
    void underContentionUpdatesThatOnlyMoveTheElapsedTimeAreDroppedFirst() {
        String stage = "🎬 Generating video…";
        ProgressMessage p = paced(stage);
        out.sendLine(new SendLine(100, Duration.ofSeconds(5)));
        timers.advance(Duration.ofSeconds(10));
        p.update(TimeWording.withElapsed(EN.book(), stage, Duration.ofSeconds(10)));
        timers.advance(Duration.ofSeconds(10));
        assertEquals(List.of(stage), history(out, chat), "only the elapsed time moved: dropped");
        p.update(TimeWording.withElapsed(EN.book(), "✂️ Editing the timeline…", Duration.ofSeconds(20)));
        assertEquals(List.of(stage, "✂️ Editing the timeline… (20s)"), history(out, chat), "a new stage still goes");

        out.sendLine(SendLine.FREE);
        timers.advance(Duration.ofSeconds(10));
        p.update(TimeWording.withElapsed(EN.book(), "✂️ Editing the timeline…", Duration.ofSeconds(30)));
        assertEquals("✂️ Editing the timeline… (30s)", out.messages(chat).get(0).text(), "no contention: the time moves");
    }

    @Test
    void theElapsedTimeIsRecognisedAsPhrasesWritesIt() {
        String stage = "🎬 Generating video…";
        assertTrue(ProgressMessage.onlyElapsedMoved(stage, TimeWording.withElapsed(EN.book(), stage, Duration.ofSeconds(10))));
        assertTrue(ProgressMessage.onlyElapsedMoved(TimeWording.withElapsed(EN.book(), stage, Duration.ofSeconds(50)),
                TimeWording.withElapsed(EN.book(), stage, Duration.ofSeconds(90))));
        assertTrue(ProgressMessage.onlyElapsedMoved("note\n\n" + TimeWording.withElapsed(EN.book(), stage, Duration.ofSeconds(60)),
                "note\n\n" + TimeWording.withElapsed(EN.book(), stage, Duration.ofSeconds(150))));
        assertFalse(ProgressMessage.onlyElapsedMoved(stage, TimeWording.withElapsed(EN.book(), "🎵 Adding music…", Duration.ofSeconds(10))));
        assertFalse(ProgressMessage.onlyElapsedMoved(stage, stage));
    }
}
