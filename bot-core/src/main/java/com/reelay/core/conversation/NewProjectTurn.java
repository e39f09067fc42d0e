package com.reelay.core.conversation;

import com.reelay.core.chat.ChatOutput;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A fresh project for the chat, in the language of the current one. */
final class NewProjectTurn implements Turn {

    private final ChatSessions sessions;
    private final Workers workers;
    private final Replies replies;

    NewProjectTurn(ChatSessions sessions, Workers workers, Replies replies) {
        this.sessions = sessions;
        this.workers = workers;
        this.replies = replies;
    }

    @Override
    public CompletableFuture<Void> run(ChatOutput out, LaneRequest r, ProgressMessage announced) {
        String language = Language.forSession(r.user().languageTag(), "");
        String current = sessions.existing(r.chat()).map(ChatSessions.Session::language).orElse(language);
        return workers.blocking(() -> sessions.create(r.chat(), r.user(), current, r.requestId()))
                .thenCompose(s -> replies.say(out, r.chat(), r.requestId(), Phrases.NEW_PROJECT, List.of()))
                .exceptionally(error -> {
                    replies.sayFailure(out, r, error);
                    return null;
                });
    }
}
