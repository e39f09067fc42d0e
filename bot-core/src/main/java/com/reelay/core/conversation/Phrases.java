package com.reelay.core.conversation;

import com.reelay.core.chat.Action;
import com.reelay.core.chat.AttachmentUnavailable;
import com.reelay.core.chat.Button;
import com.reelay.core.chat.FilePolicy;
import com.reelay.core.chat.Phrasebook;
import com.reelay.core.guard.Refusal;
import com.reelay.core.nemo.Credits;
import com.reelay.core.nemo.NemoException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the engine says to people, in one language: typed sentences over the chat's
 * {@link Phrasebook}, whose files hold the words. Plain text: adapters escape it.
 */
final class Phrases {

    private final Phrasebook book;

    private Phrases(Phrasebook book) {
        this.book = book;
    }

    static Phrases in(Phrasebook book) {
        return new Phrases(book);
    }

    /** For a platform language tag or a chosen language; English when the language is not shipped. */
    static Phrases of(String languageTag) {
        return new Phrases(Phrasebook.of(languageTag));
    }

    static Phrases english() {
        return new Phrases(Phrasebook.english());
    }

    Phrasebook book() {
        return book;
    }

    String connecting() {
        return book.phrase("progress.connecting");
    }

    /** The first acknowledgement when the platform's send line is long. */
    String connectingBehind(int ahead) {
        return book.phrase("progress.connecting_behind", "ahead", ahead);
    }

    String working() {
        return book.phrase("progress.working");
    }

    String preparingExport() {
        return book.phrase("progress.preparing_export");
    }

    String nothingToExport() {
        return book.phrase("export.nothing");
    }

    String noProject() {
        return book.phrase("project.none");
    }

    String newProject() {
        return book.phrase("project.new");
    }

    String sessionExpired() {
        return book.phrase("project.expired");
    }

    /** The answer to "status" when the project had expired (the next request starts a new one). */
    String expiredNoProject() {
        return book.phrase("project.expired_status");
    }

    String interrupted() {
        return book.phrase("request.interrupted");
    }

    String notStartedStore() {
        return book.phrase("request.not_started_store");
    }

    String noCreditsYet() {
        return book.phrase("credits.none_yet");
    }

    String stillAnswering() {
        return book.phrase("engine.still_answering");
    }

    String restarting() {
        return book.phrase("engine.restarting");
    }

    String doneSeeStatus() {
        return book.phrase("reply.done_see_status");
    }

    String tooManyFiles(int files, int max) {
        return book.phrase("limits.too_many_files", "files", files, "max", max);
    }

    String tooLong(int length, int max) {
        return book.phrase("limits.too_long", "length", length, "max", max);
    }

    String welcome() {
        return book.phrase("help.welcome") + "\n\n" + book.phrase("help.commands");
    }

    String help(String unknownCommand) {
        String intro = unknownCommand.isBlank() ? "" : book.phrase("help.unknown_command", "command", unknownCommand) + "\n\n";
        return intro + book.phrase("help.intro", "formats", FilePolicy.describe(), "megabytes", megabytes())
                + "\n\n" + book.phrase("help.commands");
    }

    String howToUpload() {
        return book.phrase("upload.how", "formats", FilePolicy.describe(), "megabytes", megabytes());
    }

    /** A waiting request's place; {@code wait} is empty when there is no run time to go by yet. */
    String queued(int place, int ahead, java.util.Optional<Duration> wait) {
        String estimate = wait.map(w -> book.phrase("queue.estimate", "wait", duration(w))).orElse("");
        return book.phrase("queue.place", "place", place, "ahead", ahead, "estimate", estimate);
    }

    String droppedFromLine() {
        return book.phrase("queue.dropped");
    }

    String lineFull(int max) {
        return book.phrase("queue.full", "max", max);
    }

    String lineFullAfterRestart() {
        return book.phrase("queue.full_after_restart");
    }

    /**
     * The answer to /cancel: what was dropped, and whether the running request is being stopped
     * (a prompt) or goes on ({@code running}: an upload or export, which cannot be called back).
     */
    String cancelled(int dropped, boolean stopping, boolean running) {
        List<String> parts = new ArrayList<>();
        if (dropped > 0) {
            parts.add(book.phrase("cancel.dropped", "dropped", dropped));
        }
        if (stopping) {
            parts.add(book.phrase("cancel.stopping"));
        } else if (running) {
            parts.add(book.phrase("cancel.running_continues"));
        }
        return parts.isEmpty() ? book.phrase("cancel.nothing") : String.join(" ", parts);
    }

    String stopped() {
        return book.phrase("cancel.stopped");
    }

    String credits(Credits c) {
        return book.phrase("credits.balance", "available", c.available(), "frozen", c.frozen(), "total", c.total());
    }

    String stage(String toolName) {
        String tool = toolName == null ? "" : toolName.toLowerCase(Locale.ROOT);
        if (tool.contains("music") || tool.contains("bgm") || tool.contains("audio") || tool.contains("sound")) {
            return book.phrase("progress.stage.music");
        }
        if (tool.contains("generate") || tool.contains("seedance") || tool.contains("video")) {
            return book.phrase("progress.stage.video");
        }
        if (tool.contains("edit") || tool.contains("track") || tool.contains("timeline")) {
            return book.phrase("progress.stage.edit");
        }
        if (tool.contains("upload") || tool.contains("media")) {
            return book.phrase("progress.stage.media");
        }
        return working();
    }

    /**
     * The stage with the time so far, in steps (10 s in the first minute, then 30 s) so that a
     * long generation costs a few edits a minute, not one per heartbeat: a Telegram group may
     * only receive 20 messages a minute in all.
     */
    String withElapsed(String stage, Duration elapsed) {
        long s = elapsed.toSeconds();
        if (s < 10) {
            return stage;
        }
        s = s < 60 ? s / 10 * 10 : s / 30 * 30;
        String time = s < 60 ? book.phrase("progress.elapsed.seconds", "seconds", s)
                : book.phrase("progress.elapsed.minutes", "minutes", s / 60, "seconds", String.format("%02d", s % 60));
        return book.phrase("progress.elapsed", "stage", stage, "time", time);
    }

    String uploading(int files) {
        return book.phrase("progress.uploading", "files", files);
    }

    String uploaded(int files, int rejected) {
        return book.phrase("upload.done", "files", files, "skipped", rejected);
    }

    /** Said before the agent's answer to the caption that came with the files. */
    String uploadedBeforePrompt(int files) {
        return book.phrase("upload.done_before_prompt", "files", files);
    }

    String rejectedType(String name) {
        return book.phrase("upload.rejected_type", "name", name, "formats", FilePolicy.describe());
    }

    String rejectedSize(String name) {
        return book.phrase("upload.rejected_size", "name", name, "megabytes", megabytes());
    }

    String rendering(int progress) {
        return book.phrase("progress.rendering", "percent", Math.max(0, Math.min(100, progress)));
    }

    String renderDone() {
        return book.phrase("render.done");
    }

    String videoReady(String url) {
        return book.phrase("render.ready", "url", url);
    }

    String renderFailed(String reason) {
        return reason == null || reason.isBlank() ? book.phrase("render.failed")
                : book.phrase("render.failed_because", "reason", oneLine(reason));
    }

    String restartedBeforeUpload(String names) {
        return book.phrase("upload.restarted_before", "names", names, "count", names.contains(",") ? 2 : 1);
    }

    /** The receipt under a generation or an export: credits used, and what is left. */
    String receipt(Credits before, Credits after) {
        long used = Math.max(0, before.total() - after.total());
        return book.phrase("receipt.spent", "used", used, "left", after.available());
    }

    String balanceLeft(Credits after) {
        return book.phrase("receipt.left", "left", after.available());
    }

    /** After a failure: whether the credits the request took came back, are still held, or were spent. */
    String refund(Credits before, Credits after) {
        long held = Math.max(0, after.frozen() - before.frozen());
        long spent = Math.max(0, before.total() - after.total());
        if (held > 0) {
            return book.phrase("refund.held", "credits", held, "left", after.available());
        }
        if (spent > 0) {
            return book.phrase("refund.spent", "credits", spent, "left", after.available());
        }
        return book.phrase("refund.none", "left", after.available());
    }

    String lowBalance(long available, long usual) {
        return book.phrase("export.low_balance", "available", available, "usual", usual);
    }

    String keptEditing() {
        return book.phrase("export.kept_editing");
    }

    String retryGone() {
        return book.phrase("retry.gone");
    }

    String buttonGone() {
        return book.phrase("button.gone");
    }

    String refusal(Refusal refusal) {
        return refusal.in(book);
    }

    /** What people hear when a NemoVideo call fails; never a code, token or stack trace. */
    String failure(Throwable error, boolean anonymous) {
        return failure(error, anonymous, true);
    }

    /** {@code oneToOne}: only the person reads the chat, so a link that claims its identity may be shown. */
    String failure(Throwable error, boolean anonymous, boolean oneToOne) {
        if (error instanceof NemoException.OutOfCredits oc) {
            if (oc.registrationUrl().isPresent() && !oneToOne) {
                return book.phrase("failure.out_of_credits_private_only");
            }
            if (oc.registrationUrl().isPresent()) {
                return book.phrase("failure.out_of_credits_link", "url", oc.registrationUrl().get());
            }
            return book.phrase(anonymous ? "failure.out_of_credits_anonymous" : "failure.out_of_credits_account");
        }
        if (error instanceof NemoException.ExportNotAllowed) {
            return book.phrase("failure.export_not_allowed");
        }
        if (error instanceof NemoException.UploadSourceFailed sourceFailed) {
            return uploadSourceFailed(sourceFailed);
        }
        if (error instanceof NemoException.UnsupportedFile) {
            return book.phrase("failure.unsupported_file", "formats", FilePolicy.describe());
        }
        if (error instanceof NemoException.FileTooLarge) {
            return book.phrase("failure.file_too_large", "megabytes", megabytes());
        }
        if (error instanceof NemoException.IdentityRefused refused) {
            String when = refused.retryAfter().map(w -> book.phrase("failure.identity_refused.when", "wait", roughly(w)))
                    .orElse("");
            return book.phrase("failure.identity_refused", "when", when);
        }
        if (error instanceof NemoException.RateLimited) {
            return book.phrase("failure.rate_limited");
        }
        if (error instanceof NemoException.StreamTimedOut) {
            return book.phrase("failure.timed_out");
        }
        if (error instanceof NemoException.StreamBroken) {
            return book.phrase("failure.stream_broken");
        }
        if (error instanceof NemoException.Cancelled) {
            return interrupted();
        }
        if (error instanceof NemoException.Unavailable) {
            return book.phrase("failure.unavailable");
        }
        if (error instanceof NemoException.AgentFailed) {
            return book.phrase("failure.agent_failed");
        }
        return book.phrase("failure.unexpected");
    }

    /** "about 3 hours", "about 2 days": a person's sense of a long wait. */
    String roughly(Duration wait) {
        long hours = Math.max(1, (wait.toMinutes() + 59) / 60);
        return hours < 48 ? book.phrase("time.about_hours", "n", hours) : book.phrase("time.about_days", "n", (hours + 23) / 24);
    }

    /** "about 3 minutes", "40 seconds", "2 hours". */
    String duration(Duration d) {
        long seconds = Math.max(1, d.toSeconds());
        if (seconds < 60) {
            return book.phrase("time.seconds", "n", seconds < 10 ? seconds : seconds / 10 * 10);
        }
        long minutes = (seconds + 30) / 60;
        if (minutes < 90) {
            return book.phrase("time.minutes", "n", minutes);
        }
        return book.phrase("time.hours", "n", (minutes + 30) / 60);
    }

    // ---- buttons ----------------------------------------------------------------------------

    Button button(Action action) {
        String key;
        if (action instanceof Action.Export) {
            key = "button.export";
        } else if (action instanceof Action.Status) {
            key = "button.status";
        } else if (action instanceof Action.Credits) {
            key = "button.credits";
        } else if (action instanceof Action.NewProject) {
            key = "button.new_project";
        } else if (action instanceof Action.Projects) {
            key = "button.projects";
        } else if (action instanceof Action.ExportAnyway) {
            key = "button.export_anyway";
        } else if (action instanceof Action.KeepEditing) {
            key = "button.keep_editing";
        } else if (action instanceof Action.Retry) {
            key = "button.retry";
        } else if (action instanceof Action.QuickEdit q) {
            return new Button(QuickEdits.label(book, q.name()), action);
        } else if (action instanceof Action.ChooseLanguage c) {
            return new Button(c.language().equals(ChatLanguages.AUTO) ? book.phrase("button.language.auto")
                    : Phrasebook.of(c.language()).phrase("language.name"), action);
        } else {
            throw new IllegalArgumentException("no label for " + action);
        }
        return new Button(book.phrase(key), action);
    }

    List<Button> buttons(List<Action> actions) {
        return actions.stream().map(this::button).toList();
    }

    List<Button> buttons(Action... actions) {
        return buttons(List.of(actions));
    }

    /** A button that retries: the same action under the Retry label. */
    Button retry(Action action) {
        return new Button(book.phrase("button.retry"), action);
    }

    Button open(int n, String projectId) {
        return new Button(book.phrase("button.open", "n", n), new Action.OpenProject(projectId));
    }

    private static long megabytes() {
        return FilePolicy.MAX_FILE_BYTES / (1024 * 1024);
    }

    private static String oneLine(String s) {
        String flat = s.replaceAll("\\s+", " ").strip();
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }

    /**
     * An upload whose file the chat platform would not hand over: the platform's reason, never
     * "I can't reach NemoVideo".
     */
    String uploadSourceFailed(NemoException.UploadSourceFailed error) {
        for (Throwable t = error.getCause(); t != null; t = t.getCause()) {
            if (t instanceof AttachmentUnavailable unavailable) {
                return unavailable.reason().in(book);
            }
        }
        return book.phrase("upload.source_failed");
    }
}
