package com.reelay.core.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.reelay.core.chat.Action;
import com.reelay.core.chat.Capabilities;
import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.Reply;
import com.reelay.core.testing.RecordingChatOutput;
import com.reelay.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProgressMessageTest {

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
        p.finish("Here is your video plan.", List.of(Action.EXPORT)).get(5, TimeUnit.SECONDS);
        assertEquals(List.of("Connecting…", "Here is your video plan."), history(out, chat));
        assertEquals(List.of(Action.EXPORT), out.messages(chat).get(0).current().buttons());
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
        p.finish(reply, List.of(Action.EXPORT)).get(5, TimeUnit.SECONDS);
        List<RecordingChatOutput.Message> messages = out.messages(chat);
        assertEquals(3, messages.size());
        assertEquals(List.of(), messages.get(0).current().buttons());
        assertEquals(List.of(Action.EXPORT), messages.get(2).current().buttons());
        assertEquals(reply.replace(" ", ""), messages.stream().map(RecordingChatOutput.Message::text)
                .collect(Collectors.joining()).replace(" ", ""));
    }

    @Test
    void platformsThatCannotEditGetOnlyTheFinalReply() throws Exception {
        RecordingChatOutput out = new RecordingChatOutput(new Capabilities(2000, false, false, 0));
        ProgressMessage p = ProgressMessage.start(out, chat, "Connecting…", clock, scheduler, new EditPace(Duration.ZERO), "r1");
        p.update("stage");
        p.finish("done", List.of(Action.EXPORT)).get(5, TimeUnit.SECONDS);
        assertEquals(List.of("Connecting…", "done"), out.texts(chat));
        assertEquals(0, out.edits());
        assertEquals(List.of(), out.messages(chat).get(1).current().buttons(), "no buttons where the platform has none");
    }
}
