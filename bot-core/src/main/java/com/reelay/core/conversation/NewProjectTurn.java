package com.reelay.core.conversation;

import com.reelay.core.chat.ChatOutput;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A fresh project for the chat, in the chat's language. */
final class NewProjectTurn implements Turn {

    private final ChatSessions sessions;
    private final ChatLanguages languages;
    private final Workers workers;
    private final Replies replies;

    NewProjectTurn(ChatSessions sessions, ChatLanguages languages, Workers workers, Replies replies) {
        this.sessions = sessions;
        this.languages = languages;
        this.workers = workers;
        this.replies = replies;
    }

    @Override
    public CompletableFuture<Void> run(ChatOutput out, LaneRequest r, ProgressMessage announced) {
        // The chat's language, so a new project follows a /language choice made since the last one.
        String language = languages.forSession(r.chat(), r.user(), "");
        Phrases phrases = replies.phrases(r);
        return workers.blocking(() -> sessions.create(r.chat(), r.user(), language, r.requestId()))
                .thenCompose(s -> replies.finish(out, r, announced, phrases.newProject(), List.of()))
                .exceptionally(error -> {
                    if (announced != null) {
                        replies.fail(r, announced, error);
                    } else {
                        replies.sayFailure(out, r, error);
                    }
                    return null;
                });
    }
}
