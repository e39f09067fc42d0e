package com.reelay.core.conversation;

import com.reelay.core.chat.Action;
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
        String estimate = wait.map(w -> book.phrase("queue.estimate", "wait", TimeWording.duration(book, w))).orElse("");
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

    /** Names the request, so the notice cannot be read as being about a later one. */
    String cutOff(Intent intent) {
        if (intent instanceof Intent.Chat c) {
            String p = oneLine(c.prompt());
            return book.phrase("request.cut_off_prompt", "prompt", p.length() > 60 ? p.substring(0, 60) + "…" : p);
        }
        return book.phrase(intent instanceof Intent.Export ? "request.cut_off_export" : "request.cut_off_other");
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
        return FailureWording.of(this, error, anonymous, oneToOne);
    }

    String uploadSourceFailed(NemoException.UploadSourceFailed error) {
        return FailureWording.uploadSourceFailed(book, error);
    }

    // ---- buttons ----------------------------------------------------------------------------

    Button button(Action action) {
        return ButtonLabels.of(book, action);
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
}
