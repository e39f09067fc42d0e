package com.reelay.core.conversation;

import com.reelay.core.chat.Activity;
import com.reelay.core.chat.ChatOutput;
import com.reelay.core.nemo.Credits;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/** A prompt for the agent: generate, edit, add music, ask. */
final class ChatTurn implements Turn {

    private final ChatSessions sessions;
    private final ChatLanguages languages;
    private final Balances balances;
    private final Workers workers;
    private final Replies replies;
    private final PromptStream prompts;

    ChatTurn(ChatSessions sessions, ChatLanguages languages, Balances balances, Workers workers, Replies replies,
             PromptStream prompts) {
        this.sessions = sessions;
        this.languages = languages;
        this.balances = balances;
        this.workers = workers;
        this.replies = replies;
        this.prompts = prompts;
    }

    /** The session, and the balance before the prompt spends any of it (for the receipt). */
    private record Start(ChatSessions.Session session, Optional<Credits> before) {
    }

    @Override
    public CompletableFuture<Void> run(ChatOutput out, LaneRequest r, ProgressMessage progress) {
        String prompt = ((Intent.Chat) r.intent()).prompt();
        out.showActivity(r.chat(), Activity.TYPING);
        String language = languages.forSession(r.chat(), r.user(), prompt);
        AtomicReference<Optional<Credits>> before = new AtomicReference<>(Optional.empty());
        prompts.expect(r);
        return workers.blocking(() -> {
            ChatSessions.Session session = sessions.ensure(r.chat(), r.user(), language, r.requestId());
            before.set(balances.read(r.chat(), r.requestId(), session.auth()));
            return new Start(session, before.get());
        }).thenCompose(start -> prompts.send(out, r, start.session(), prompt, progress, true, "", start.before()))
                .exceptionally(error -> {
                    replies.fail(r, progress, error, before.get());
                    return null;
                })
                .whenComplete((ignored, error) -> prompts.forget(r));
    }
}
