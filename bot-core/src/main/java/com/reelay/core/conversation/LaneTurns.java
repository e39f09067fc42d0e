package com.reelay.core.conversation;

import com.reelay.core.chat.Activity;
import com.reelay.core.chat.ChatOutput;
import java.util.concurrent.CompletableFuture;

/** Picks the turn for a request's intent, and what the person sees as soon as its turn starts. */
final class LaneTurns implements LaneScheduler.Turns {

    /** Past this many messages queued ahead (about a second of Telegram's budget), the person is told. */
    static final int LONG_LINE = 30;

    private final Replies replies;
    private final Turn chat;
    private final Turn upload;
    private final Turn export;
    private final Turn newProject;

    LaneTurns(Replies replies, Turn chat, Turn upload, Turn export, Turn newProject) {
        this.replies = replies;
        this.chat = chat;
        this.upload = upload;
        this.export = export;
        this.newProject = newProject;
    }

    @Override
    public ProgressMessage announce(ChatOutput out, LaneRequest r) {
        if (r.intent() instanceof Intent.Chat) {
            int ahead = out.sendLine().waitingAhead();
            return replies.progress(out, r, ahead >= LONG_LINE ? Phrases.connectingBehind(ahead) : Phrases.CONNECTING);
        }
        if (r.intent() instanceof Intent.Export) {
            out.showActivity(r.chat(), Activity.UPLOADING_VIDEO);
            return replies.progress(out, r, Phrases.PREPARING_EXPORT);
        }
        return null;
    }

    @Override
    public CompletableFuture<Void> run(ChatOutput out, LaneRequest r, ProgressMessage announced) {
        Intent intent = r.intent();
        Turn turn = intent instanceof Intent.Chat ? chat
                : intent instanceof Intent.Upload ? upload
                : intent instanceof Intent.Export ? export
                : newProject;
        return turn.run(out, r, announced);
    }
}
