package com.reelay.core.conversation;

import com.reelay.core.chat.Activity;
import com.reelay.core.chat.ChatOutput;
import java.util.concurrent.CompletableFuture;

/** A prompt for the agent: generate, edit, add music, ask. */
final class ChatTurn implements Turn {

    private final ChatSessions sessions;
    private final Workers workers;
    private final Replies replies;
    private final PromptStream prompts;

    ChatTurn(ChatSessions sessions, Workers workers, Replies replies, PromptStream prompts) {
        this.sessions = sessions;
        this.workers = workers;
        this.replies = replies;
        this.prompts = prompts;
    }

    @Override
    public CompletableFuture<Void> run(ChatOutput out, LaneRequest r, ProgressMessage progress) {
        String prompt = ((Intent.Chat) r.intent()).prompt();
        out.showActivity(r.chat(), Activity.TYPING);
        String language = Language.forSession(r.user().languageTag(), prompt);
        return workers.blocking(() -> sessions.ensure(r.chat(), r.user(), language, r.requestId()))
                .thenCompose(session -> prompts.send(out, r, session, prompt, progress, true, ""))
                .exceptionally(error -> {
                    replies.fail(r, progress, error);
                    return null;
                });
    }
}
