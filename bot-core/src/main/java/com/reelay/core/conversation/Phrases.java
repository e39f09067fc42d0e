package com.reelay.core.conversation;

import com.reelay.core.chat.FilePolicy;
import com.reelay.core.nemo.Credits;
import com.reelay.core.nemo.NemoException;

/** Everything the engine says to people, in one place. Plain text: adapters escape it. */
final class Phrases {

    private Phrases() {
    }

    static final String CONNECTING = "⏳ Connecting…";
    static final String WORKING = "⏳ Working on it…";

    /** The first acknowledgement when the platform's send line is long. */
    static String connectingBehind(int ahead) {
        return "⏳ Got it. " + ahead + " replies to other people go out first; yours starts now.";
    }
    static final String PREPARING_EXPORT = "⏳ Preparing your export…";
    static final String NOTHING_TO_EXPORT =
            "There's nothing to export yet. Describe the video you want (or send photos or clips) and I'll make it.";
    static final String NO_PROJECT = "No project yet. Describe the video you want (or send photos or clips) to start one.";
    static final String NEW_PROJECT = "🆕 Started a new project. Describe the video you want, or send photos or clips.";
    static final String SESSION_EXPIRED =
            "(Your previous project had expired on NemoVideo, so I started a new one; its timeline is gone.)";
    static final String INTERRUPTED = "I'm restarting and had to stop following this request. NemoVideo may still "
            + "finish it: say \"status\" in a minute to check.";
    static final String NOTHING_QUEUED = "Nothing is waiting, so there's nothing to cancel.";
    static final String NOT_STARTED_STORE = "I couldn't start that request: my storage is failing right now. "
            + "Please send it again in a minute.";
    static final String NO_CREDITS_YET = "💳 You haven't used any credits yet. Your first video comes with free "
            + "starter credits: describe what you want to make.";
    static final String STILL_ANSWERING = "One moment: I'm still answering your previous commands.";
    static final String RESTARTING = "I'm restarting; please send that again in a minute.";
    static final String DONE_SEE_STATUS = "Done. Say \"status\" to see the timeline.";

    static String tooManyFiles(int files, int max) {
        return "That's " + files + " files; please send at most " + max + " at a time.";
    }

    static String tooLong(int length, int max) {
        return "That message is " + length + " characters long; please keep it under " + max + ".";
    }

    /** The answer to "status" when the project had expired (the next request starts a new one). */
    static String expiredNoProject() {
        return "Your previous project had expired on NemoVideo; its timeline is gone. " + NO_PROJECT;
    }

    static String welcome() {
        return "👋 Hi! I make videos with NemoVideo.\n"
                + "Describe what you want (\"a 15-second clip of a sunset over a lake, with calm music\"), "
                + "or send photos or clips with a caption saying what to make of them.\n\n" + commands();
    }

    static String help(String unknownCommand) {
        String intro = unknownCommand.isBlank() ? "" : "I don't know the command /" + unknownCommand + ".\n\n";
        return intro + "Describe the video you want, or send photos or clips (" + FilePolicy.describe()
                + "; up to " + megabytes(FilePolicy.MAX_FILE_BYTES) + " MB each).\n\n" + commands();
    }

    private static String commands() {
        return "Commands:\n"
                + "/export: render the video and send you the link\n"
                + "/status: show the timeline\n"
                + "/credits: show your credit balance\n"
                + "/new: start a new project\n"
                + "/cancel: drop requests waiting in line\n"
                + "/help: this message\n"
                + "You can also just say \"export\", \"status\" or \"credits\".";
    }

    static String howToUpload() {
        return "Send the files here as attachments (" + FilePolicy.describe() + "; up to "
                + megabytes(FilePolicy.MAX_FILE_BYTES) + " MB each), with a caption saying what to make of them.";
    }

    static String queued(int place) {
        return "⏳ I'm still on your previous request. This one is #" + place
                + " in line and will start right after. (/cancel drops waiting requests.)";
    }

    static String lineFull(int max) {
        return "You already have " + max + " requests waiting. Let me finish those first (or /cancel them), then send this again.";
    }

    static String lineFullAfterRestart() {
        return "I restarted with too many of your requests waiting and had to drop one. Please send it again.";
    }

    static String cancelled(int dropped, boolean running) {
        String s = "Dropped " + dropped + (dropped == 1 ? " waiting request." : " waiting requests.");
        return running ? s + " The request already in progress will still finish." : s;
    }

    static String credits(Credits c) {
        return "💳 Credits: " + c.available() + " available, " + c.frozen() + " held by work in progress, "
                + c.total() + " in total.";
    }

    static String stage(String toolName) {
        String tool = toolName == null ? "" : toolName.toLowerCase(java.util.Locale.ROOT);
        if (tool.contains("music") || tool.contains("bgm") || tool.contains("audio") || tool.contains("sound")) {
            return "🎵 Adding music…";
        }
        if (tool.contains("generate") || tool.contains("seedance") || tool.contains("video")) {
            return "🎬 Generating video…";
        }
        if (tool.contains("edit") || tool.contains("track") || tool.contains("timeline")) {
            return "✂️ Editing the timeline…";
        }
        if (tool.contains("upload") || tool.contains("media")) {
            return "📥 Processing your media…";
        }
        return WORKING;
    }

    /**
     * The stage with the time so far, in steps (10 s in the first minute, then 30 s) so that a
     * long generation costs a few edits a minute, not one per heartbeat: a Telegram group may
     * only receive 20 messages a minute in all.
     */
    static String withElapsed(String stage, java.time.Duration elapsed) {
        long s = elapsed.toSeconds();
        if (s < 10) {
            return stage;
        }
        s = s < 60 ? s / 10 * 10 : s / 30 * 30;
        String time = s < 60 ? s + "s" : (s / 60) + "m " + String.format("%02d", s % 60) + "s";
        return stage + " (" + time + ")";
    }

    static String uploading(int files) {
        return "📤 Uploading " + (files == 1 ? "your file" : files + " files") + "…";
    }

    static String uploaded(int files, int rejected) {
        String s = "✅ Uploaded " + (files == 1 ? "1 file" : files + " files") + " to your project.";
        if (rejected > 0) {
            s += " (Skipped " + rejected + ", see above.)";
        }
        return s + " Tell me what to make with " + (files == 1 ? "it." : "them.");
    }

    /** Said before the agent's answer to the caption that came with the files. */
    static String uploadedBeforePrompt(int files) {
        return "✅ Uploaded " + (files == 1 ? "1 file." : files + " files.");
    }

    static String rejectedType(String name) {
        return "I can't use \"" + name + "\": that file type isn't supported. I accept " + FilePolicy.describe() + ".";
    }

    static String rejectedSize(String name) {
        return "\"" + name + "\" is over the " + megabytes(FilePolicy.MAX_FILE_BYTES)
                + " MB limit. Try trimming or compressing it, then send it again.";
    }

    static String rendering(int progress) {
        return "🎬 Rendering your video… " + Math.max(0, Math.min(100, progress)) + "%";
    }

    static final String RENDER_DONE = "✅ Rendered.";

    static String videoReady(String url) {
        return "🎉 Your video is ready: " + url;
    }

    static String renderFailed(String reason) {
        String why = reason == null || reason.isBlank() ? "" : " (" + oneLine(reason) + ")";
        return "❌ The render failed" + why + ". Say \"export\" to try again.";
    }

    static String restartedBeforeUpload(String names) {
        return "I restarted before I could upload " + names + ". Please send " + (names.contains(",") ? "them" : "it")
                + " again.";
    }

    /** What the person hears when a NemoVideo call fails; never a code, token or stack trace. */
    static String failure(Throwable error, boolean anonymous) {
        return failure(error, anonymous, true);
    }

    /** {@code oneToOne}: only the person reads the chat, so a link that claims its identity may be shown. */
    static String failure(Throwable error, boolean anonymous, boolean oneToOne) {
        if (error instanceof NemoException.OutOfCredits oc) {
            if (oc.registrationUrl().isPresent() && !oneToOne) {
                return "You've used up the free credits. Registering (free) gets more, but the registration link "
                        + "would let anyone here take over this chat's NemoVideo account, so I only post it in a "
                        + "private chat: message me directly to register.";
            }
            if (oc.registrationUrl().isPresent()) {
                return "You've used up the free credits. Register (free) with this link to keep your project and get more: "
                        + oc.registrationUrl().get();
            }
            return anonymous
                    ? "You've used up the free credits. Register at NemoVideo to get more."
                    : "The NemoVideo account is out of credits. Top up your credits to continue.";
        }
        if (error instanceof NemoException.ExportNotAllowed) {
            return "Exporting isn't available on the free plan. Register or upgrade your NemoVideo plan to export "
                    + "(this isn't about credits).";
        }
        if (error instanceof NemoException.UploadSourceFailed sourceFailed) {
            return uploadSourceFailed(sourceFailed);
        }
        if (error instanceof NemoException.UnsupportedFile) {
            return "NemoVideo doesn't accept that file type. Accepted formats: " + FilePolicy.describe() + ".";
        }
        if (error instanceof NemoException.FileTooLarge) {
            return "That file is over the " + megabytes(FilePolicy.MAX_FILE_BYTES)
                    + " MB limit. Try trimming or compressing it, then send it again.";
        }
        if (error instanceof NemoException.IdentityRefused refused) {
            String when = refused.retryAfter().map(Phrases::roughly).map(w -> " It may work again in " + w + ".").orElse("");
            return "I can't open a free NemoVideo account for this chat right now: NemoVideo lets this bot create only a "
                    + "few new free accounts a week, and they are used up." + when
                    + " The bot's operator can fix this for good by setting up a registered NemoVideo account.";
        }
        if (error instanceof NemoException.RateLimited) {
            return "NemoVideo is busy right now. Please try again in a minute.";
        }
        if (error instanceof NemoException.StreamTimedOut) {
            return "This is taking longer than usual. NemoVideo may still finish it: say \"status\" in a few minutes to check.";
        }
        if (error instanceof NemoException.StreamBroken) {
            return "The connection to NemoVideo dropped, but your request was received. Say \"status\" in a minute to see the result.";
        }
        if (error instanceof NemoException.Cancelled) {
            return INTERRUPTED;
        }
        if (error instanceof NemoException.Unavailable) {
            return "I can't reach NemoVideo right now. Please try again in a few minutes.";
        }
        if (error instanceof NemoException.AgentFailed) {
            return "NemoVideo couldn't finish that. Try rephrasing, or say \"status\" to see where the project stands.";
        }
        return "Something went wrong on my side. Please try again; if it keeps happening, tell the bot's operator.";
    }

    /** "about 3 hours", "about 2 days": a person's sense of a long wait. */
    static String roughly(java.time.Duration wait) {
        long hours = Math.max(1, (wait.toMinutes() + 59) / 60);
        if (hours < 48) {
            return "about " + hours + (hours == 1 ? " hour" : " hours");
        }
        return "about " + (hours + 23) / 24 + " days";
    }

    private static long megabytes(long bytes) {
        return bytes / (1024 * 1024);
    }

    private static String oneLine(String s) {
        String flat = s.replaceAll("\\s+", " ").strip();
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }

    /**
     * An upload whose file the chat platform would not hand over: the platform's reason, never
     * "I can't reach NemoVideo".
     */
    static String uploadSourceFailed(NemoException.UploadSourceFailed error) {
        for (Throwable t = error.getCause(); t != null; t = t.getCause()) {
            if (t instanceof com.reelay.core.chat.AttachmentUnavailable unavailable) {
                return unavailable.reason();
            }
        }
        return "I couldn't get your file from the chat to pass it on to NemoVideo. Please send it again.";
    }
}
