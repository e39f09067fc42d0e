package com.reelay.core.conversation;

import com.reelay.core.chat.Action;
import com.reelay.core.chat.ChatOutput;
import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.ChatUser;
import com.reelay.core.nemo.NemoAuth;
import com.reelay.core.nemo.NemoClient;
import com.reelay.core.nemo.NemoException;
import com.reelay.core.nemo.SessionState;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers that do not wait for the chat's turn: help, cancel, credits, status. */
final class InstantAnswers implements Turn {

    private static final Logger log = LoggerFactory.getLogger(InstantAnswers.class);

    private final NemoClient client;
    private final ChatSessions sessions;
    private final Replies replies;
    private final Supplier<LaneScheduler> lanes;

    InstantAnswers(NemoClient client, ChatSessions sessions, Replies replies, Supplier<LaneScheduler> lanes) {
        this.client = client;
        this.sessions = sessions;
        this.replies = replies;
        this.lanes = lanes;
    }

    @Override
    public CompletableFuture<Void> run(ChatOutput out, LaneRequest r, ProgressMessage announced) {
        ChatRef chat = r.chat();
        String requestId = r.requestId();
        Intent intent = r.intent();
        try {
            if (intent instanceof Intent.Help h) {
                replies.say(out, chat, requestId, h.welcome() ? Phrases.welcome() : Phrases.help(h.unknownCommand()), List.of());
            } else if (intent instanceof Intent.Cancel) {
                cancel(out, chat, requestId);
            } else if (intent instanceof Intent.Credits) {
                credits(out, chat, r.user(), requestId);
            } else if (intent instanceof Intent.Status) {
                status(out, chat, requestId);
            }
        } catch (NemoException | RuntimeException e) {
            replies.sayFailure(out, r, e);
        }
        return CompletableFuture.completedFuture(null);
    }

    /**
     * NemoVideo grants about 10 anonymous identities per server address a week: asking for the
     * balance must not spend one. A chat gets its identity when it first makes something.
     */
    private void credits(ChatOutput out, ChatRef chat, ChatUser user, String requestId) throws NemoException {
        NemoAuth auth = sessions.auth(chat, user);
        if (auth.isAnonymous() && auth.identity().isEmpty()) {
            replies.say(out, chat, requestId, Phrases.NO_CREDITS_YET, List.of());
            return;
        }
        replies.say(out, chat, requestId, Phrases.credits(client.credits(auth)), List.of());
    }

    private void status(ChatOutput out, ChatRef chat, String requestId) throws NemoException {
        Optional<ChatSessions.Session> session = sessions.existing(chat);
        if (session.isEmpty()) {
            replies.say(out, chat, requestId, Phrases.NO_PROJECT, List.of());
            return;
        }
        try {
            SessionState state = client.state(session.get().auth(), session.get().sessionId());
            List<Action> buttons = state.timeline().isExportable() ? List.of(Action.EXPORT) : List.of();
            replies.say(out, chat, requestId, TimelineSummary.of(state.timeline()), buttons);
        } catch (NemoException.SessionNotFound e) {
            sessions.forgetLost(chat, session.get().sessionId());
            replies.say(out, chat, requestId, Phrases.expiredNoProject(), List.of());
        }
    }

    private void cancel(ChatOutput out, ChatRef chat, String requestId) {
        LaneScheduler.Cancelled cancelled = lanes.get().cancelWaiting(chat);
        log.info("queue cancelled chat={} dropped={}", chat, cancelled.dropped());
        replies.say(out, chat, requestId, cancelled.dropped() == 0 ? Phrases.NOTHING_QUEUED
                : Phrases.cancelled(cancelled.dropped(), cancelled.running()), List.of());
    }
}
