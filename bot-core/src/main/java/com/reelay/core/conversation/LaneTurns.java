package com.reelay.core.conversation;

import com.reelay.core.chat.Activity;
import com.reelay.core.chat.ChatOutput;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Picks the turn for a request's intent, and what the person sees as soon as its turn starts: a
 * request that waited in line continues its acknowledgement as its progress. While a turn runs
 * the platform's "typing…" / "uploading video…" hint is refreshed (Telegram shows one for 5 s).
 */
final class LaneTurns implements LaneScheduler.Turns {

    /** Past this many messages queued ahead (about a second of Telegram's budget), the person is told. */
    static final int LONG_LINE = 30;

    private final Replies replies;
    private final WaitingLine line;
    private final Workers workers;
    private final Duration activityRefresh;
    private final Turn chat;
    private final Turn upload;
    private final Turn export;
    private final Turn newProject;
    private final Turn openProject;

    LaneTurns(Replies replies, WaitingLine line, Workers workers, Duration activityRefresh, Turn chat, Turn upload,
              Turn export, Turn newProject, Turn openProject) {
        this.replies = replies;
        this.line = line;
        this.workers = workers;
        this.activityRefresh = activityRefresh;
        this.chat = chat;
        this.upload = upload;
        this.export = export;
        this.newProject = newProject;
        this.openProject = openProject;
    }

    @Override
    public ProgressMessage announce(ChatOutput out, LaneRequest r) {
        Phrases phrases = replies.phrases(r);
        Optional<ProgressMessage> waited = line.started(r);
        if (r.intent() instanceof Intent.Export) {
            out.showActivity(r.chat(), Activity.UPLOADING_VIDEO);
        }
        if (waited.isPresent()) {
            waited.get().update(r.intent() instanceof Intent.Export ? phrases.preparingExport() : phrases.connecting());
            return waited.get();
        }
        if (r.intent() instanceof Intent.Chat) {
            int ahead = out.sendLine().waitingAhead();
            return replies.progress(out, r, ahead >= LONG_LINE ? phrases.connectingBehind(ahead) : phrases.connecting());
        }
        if (r.intent() instanceof Intent.Export) {
            return replies.progress(out, r, phrases.preparingExport());
        }
        return null;
    }

    @Override
    public CompletableFuture<Void> run(ChatOutput out, LaneRequest r, ProgressMessage announced) {
        Intent intent = r.intent();
        Turn turn = intent instanceof Intent.Chat ? chat
                : intent instanceof Intent.Upload ? upload
                : intent instanceof Intent.Export ? export
                : intent instanceof Intent.OpenProject ? openProject
                : newProject;
        CompletableFuture<Void> work = turn.run(out, r, announced);
        Activity activity = intent instanceof Intent.Export ? Activity.UPLOADING_VIDEO : Activity.TYPING;
        ScheduledFuture<?> refresh = workers.pacer().scheduleAtFixedRate(() -> out.showActivity(r.chat(), activity),
                activityRefresh.toMillis(), activityRefresh.toMillis(), TimeUnit.MILLISECONDS);
        return work.whenComplete((ignored, error) -> {
            refresh.cancel(false);
            line.finished(r);
        });
    }
}
