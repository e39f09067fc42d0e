package com.reelay.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A small deterministic stand-in for the NemoVideo agent: it classifies a message, picks a tool,
 * and writes a timed script whose effects change the session when they run (not when planned).
 */
final class Agent {
    static final String VIDEO_TOOL = "generate_video_with_seedance";
    static final String MUSIC_TOOL = "generate_music";
    static final String EDIT_TOOL = "edit_multitrack";
    static final int CANVAS_WIDTH = 1080;
    static final int CANVAS_HEIGHT = 1920;
    static final int DEFAULT_SECONDS = 10;
    static final long TITLE_MS = 3000;
    static final double MUSIC_VOLUME = 0.35;

    private final IdSource ids;
    private final MediaLibrary media;
    private final Map<Intent, Long> costs;
    private final long textMs;
    private final long editMs;
    private final long generationMs;
    private final double noTextProbability;
    private final Random noTextDraws;

    Agent(Settings settings, IdSource ids, MediaLibrary media) {
        this.ids = ids;
        this.media = media;
        this.costs = settings.costs();
        this.textMs = settings.textReply().toMillis();
        this.editMs = settings.edit().toMillis();
        this.generationMs = settings.generation().toMillis();
        this.noTextProbability = settings.noTextProbability();
        // A generator of its own so that ids and other draws never shift the no-text sequence.
        this.noTextDraws = new Random(settings.seed() ^ 0x6E6F7465787441L);
    }

    Turn plan(Session session, String message) {
        boolean zh = session.speaksChinese();
        Intent intent = IntentClassifier.classify(message);
        switch (intent) {
            case GENERATION:
                return generation(session, message, zh);
            case MUSIC:
                return PromptReading.asksRemoval(message)
                        ? removal(Intent.MUSIC, Draft.AUDIO, AgentLines.musicRemoved(zh), session, drawNoText())
                        : music(session, message, zh, drawNoText());
            case TITLE:
                return PromptReading.asksRemoval(message)
                        ? removal(Intent.TITLE, Draft.TEXT, AgentLines.titleRemoved(zh), session, drawNoText())
                        : title(session, message, zh, drawNoText());
            case EDIT:
                if (session.draftEmpty()) {
                    return answer(Intent.EDIT, 0, AgentLines.nothingToEdit(zh));
                }
                return edit(session, message, zh, drawNoText());
            default:
                return answer(Intent.QUESTION, costs.get(Intent.QUESTION), AgentLines.answer(zh));
        }
    }

    private synchronized boolean drawNoText() {
        return noTextDraws.nextDouble() < noTextProbability;
    }

    /**
     * A new video track of the length asked for; when the prompt also asks for music ("… with calm
     * piano music"), a music track of the same length is added in the same turn, as the real agent does.
     */
    private Turn generation(Session session, String message, boolean zh) {
        boolean withMusic = IntentClassifier.mentionsMusic(message);
        int seconds = Math.max(3, Math.min(60, PromptReading.seconds(message).orElse(DEFAULT_SECONDS)));
        String subject = PromptReading.subject(message, zh);
        String reference = session.peekReference();
        String mediaPath = "generated/" + ids.lowerAlnum(12) + ".mp4";
        String videoUrl = media.urlOf(mediaPath);
        String callId = "call_" + ids.lowerAlnum(12);

        ObjectNode args = Json.object().put("prompt", message).put("duration", seconds)
                .put("aspect_ratio", "9:16").put("resolution", "1080p");
        if (reference != null) {
            args.put("reference_image", reference);
        }
        ObjectNode result = Json.object().put("status", "success").put("video_url", videoUrl)
                .put("duration", seconds).put("width", CANVAS_WIDTH).put("height", CANVAS_HEIGHT);

        Runnable effect = () -> {
            media.publish(mediaPath, "video/mp4", MediaLibrary.PLACEHOLDER_BYTES);
            ObjectNode segmentMeta = Json.object().put("url", videoUrl).put("source", "generated");
            if (reference != null) {
                segmentMeta.put("reference", reference);
            }
            session.editDraft(d -> {
                d.setCanvas(CANVAS_WIDTH, CANVAS_HEIGHT);
                d.putTrack(Draft.VIDEO, subject, null, segment(0, seconds * 1000L, segmentMeta));
            });
            session.addGenerated(Json.object().put("type", "video").put("url", videoUrl).put("tool", VIDEO_TOOL)
                    .put("prompt", message).put("duration", seconds));
            if (reference != null) {
                session.consumeReference(reference);
            }
        };
        if (!withMusic) {
            return new Script(Intent.GENERATION, costs.get(Intent.GENERATION), generationMs, false)
                    .text(AgentLines.generationIntro(zh, seconds, subject, reference != null), 0.0, 0.10)
                    .event(0.12, new AgentEvent.ToolCall(callId, VIDEO_TOOL, args))
                    .effect(0.84, effect)
                    .event(0.85, new AgentEvent.ToolResult(callId, VIDEO_TOOL, result))
                    .text(AgentLines.generationDone(zh), 0.87, 1.0)
                    .build();
        }
        String name = PromptReading.musicStyle(message, zh);
        MusicTrack music = musicTrack(session, message, name, seconds * 1000L);
        return new Script(Intent.GENERATION, costs.get(Intent.GENERATION) + costs.get(Intent.MUSIC), generationMs, false)
                .text(AgentLines.generationIntro(zh, seconds, subject, reference != null), 0.0, 0.10)
                .event(0.12, new AgentEvent.ToolCall(callId, VIDEO_TOOL, args))
                .effect(0.70, effect)
                .event(0.71, new AgentEvent.ToolResult(callId, VIDEO_TOOL, result))
                .event(0.72, new AgentEvent.ToolCall(music.callId(), MUSIC_TOOL, music.args()))
                .effect(0.84, music.effect())
                .event(0.85, new AgentEvent.ToolResult(music.callId(), MUSIC_TOOL, music.result()))
                .text(AgentLines.generationWithMusicDone(zh, name), 0.87, 1.0)
                .build();
    }

    /** A music tool call and what it does to the draft: one track as long as the video (or {@code plannedMs}). */
    private record MusicTrack(String callId, ObjectNode args, ObjectNode result, Runnable effect) {
    }

    private MusicTrack musicTrack(Session session, String message, String name, long plannedMs) {
        String mediaPath = "generated/" + ids.lowerAlnum(12) + ".mp3";
        String audioUrl = media.urlOf(mediaPath);
        String callId = "call_" + ids.lowerAlnum(12);
        ObjectNode args = Json.object().put("prompt", message).put("style", name).put("duration_ms", plannedMs);
        ObjectNode result = Json.object().put("status", "success").put("audio_url", audioUrl).put("name", name)
                .put("duration_ms", plannedMs).put("volume", MUSIC_VOLUME);
        Runnable effect = () -> {
            media.publish(mediaPath, "audio/mpeg", MediaLibrary.PLACEHOLDER_BYTES);
            session.editDraft(d -> {
                long length = d.totalMs() > 0 ? d.totalMs() : plannedMs;
                d.putTrack(Draft.AUDIO, name, Json.object().put("volume", MUSIC_VOLUME),
                        segment(0, length, Json.object().put("url", audioUrl)));
            });
            session.addGenerated(Json.object().put("type", "audio").put("url", audioUrl).put("tool", MUSIC_TOOL)
                    .put("prompt", message).put("name", name));
        };
        return new MusicTrack(callId, args, result, effect);
    }

    private Turn music(Session session, String message, boolean zh, boolean silent) {
        String name = PromptReading.musicStyle(message, zh);
        long plannedMs = session.draftLengthMs() > 0 ? session.draftLengthMs() : DEFAULT_SECONDS * 1000L;
        MusicTrack music = musicTrack(session, message, name, plannedMs);
        return editScript(Intent.MUSIC, silent)
                .event(0.10, new AgentEvent.ToolCall(music.callId(), MUSIC_TOOL, music.args()))
                .effect(0.69, music.effect())
                .event(0.70, new AgentEvent.ToolResult(music.callId(), MUSIC_TOOL, music.result()))
                .text(AgentLines.musicDone(zh, name), 0.75, 1.0)
                .build();
    }

    private Turn title(Session session, String message, boolean zh, boolean silent) {
        String title = PromptReading.quoted(message).orElse(AgentLines.defaultTitle(zh));
        String callId = "call_" + ids.lowerAlnum(12);
        ObjectNode args = Json.object().put("operation", "add_text").put("track_type", Draft.TEXT)
                .put("text", title).put("start_ms", 0).put("duration_ms", TITLE_MS);
        ObjectNode result = Json.object().put("status", "success").put("track_type", Draft.TEXT).put("text", title);
        Runnable effect = () -> session.editDraft(d ->
                d.putTrack(Draft.TEXT, "Title", null, segment(0, TITLE_MS, Json.object().put("title", title))));
        return editScript(Intent.TITLE, silent)
                .event(0.10, new AgentEvent.ToolCall(callId, EDIT_TOOL, args))
                .effect(0.69, effect)
                .event(0.70, new AgentEvent.ToolResult(callId, EDIT_TOOL, result))
                .text(AgentLines.titleDone(zh, title), 0.75, 1.0)
                .build();
    }

    /**
     * "N seconds" sets the length; "longer/extend/延长/加长" adds 2 s; "trim/cut/shorter/缩短/剪" removes 2 s
     * (1 s minimum); any other edit (filter, transition…) is noted on the video segments' {@code m.edits}.
     */
    private Turn edit(Session session, String message, boolean zh, boolean silent) {
        long current = session.draftLengthMs();
        Long target = null;
        if (PromptReading.seconds(message).isPresent()) {
            target = Math.max(1, PromptReading.seconds(message).get()) * 1000L;
        } else if (PromptReading.asksLonger(message)) {
            target = current + 2000;
        } else if (PromptReading.asksShorter(message)) {
            target = Math.max(1000, current - 2000);
        }
        String callId = "call_" + ids.lowerAlnum(12);
        ObjectNode args;
        ObjectNode result = Json.object().put("status", "success");
        Runnable effect;
        String done;
        java.util.Optional<int[]> aspect = PromptReading.aspect(message);
        if (aspect.isPresent() && target == null) {
            int width = aspect.get()[0];
            int height = aspect.get()[1];
            args = Json.object().put("operation", "set_canvas").put("width", width).put("height", height);
            result.put("width", width).put("height", height);
            effect = () -> session.editDraft(d -> d.setCanvas(width, height));
            done = AgentLines.aspectDone(zh, width, height);
        } else if (target != null) {
            long length = target;
            args = Json.object().put("operation", "set_duration").put("duration_ms", length);
            result.put("duration_ms", length);
            effect = () -> session.editDraft(d -> d.resize(length));
            done = AgentLines.editDone(zh, length % 1000 == 0 ? Long.toString(length / 1000) : String.format("%.1f", length / 1000.0));
        } else {
            args = Json.object().put("operation", "apply_edit").put("instruction", message);
            effect = () -> session.editDraft(d -> d.noteVideoEdit(message));
            done = AgentLines.editApplied(zh);
        }
        return editScript(Intent.EDIT, silent)
                .event(0.10, new AgentEvent.ToolCall(callId, EDIT_TOOL, args))
                .effect(0.69, effect)
                .event(0.70, new AgentEvent.ToolResult(callId, EDIT_TOOL, result))
                .text(done, 0.75, 1.0)
                .build();
    }

    /** "remove the music/title": drops that track. */
    private Turn removal(Intent intent, int trackType, String done, Session session, boolean silent) {
        String callId = "call_" + ids.lowerAlnum(12);
        ObjectNode args = Json.object().put("operation", "remove_track").put("track_type", trackType);
        ObjectNode result = Json.object().put("status", "success").put("track_type", trackType);
        return editScript(intent, silent)
                .event(0.10, new AgentEvent.ToolCall(callId, EDIT_TOOL, args))
                .effect(0.69, () -> session.editDraft(d -> d.removeTracks(trackType)))
                .event(0.70, new AgentEvent.ToolResult(callId, EDIT_TOOL, result))
                .text(done, 0.75, 1.0)
                .build();
    }

    private Turn answer(Intent intent, long cost, String text) {
        return new Script(intent, cost, textMs, false).text(text, 0.10, 1.0).build();
    }

    private Script editScript(Intent intent, boolean silent) {
        return new Script(intent, costs.get(intent), editMs, silent);
    }

    private static ObjectNode segment(long start, long duration, ObjectNode meta) {
        ObjectNode sg = Json.object().put("s", start).put("d", duration);
        sg.set("m", meta);
        return sg;
    }

    /** Lays steps out over a turn's length, given as fractions of it. */
    private static final class Script {
        private static final int CHUNKS = 4;
        private final Intent intent;
        private final long cost;
        private final long totalMs;
        private final boolean silent;
        private final List<Turn.Step> steps = new ArrayList<>();

        Script(Intent intent, long cost, long totalMs, boolean silent) {
            this.intent = intent;
            this.cost = cost;
            this.totalMs = totalMs;
            this.silent = silent;
        }

        /** Partial chunks spread over [from, to], then the done marker at {@code to}. Skipped when silent. */
        Script text(String text, double from, double to) {
            if (silent) {
                return this;
            }
            List<String> chunks = chunks(text, CHUNKS);
            for (int i = 0; i < chunks.size(); i++) {
                event(from + (to - from) * i / chunks.size(), new AgentEvent.TextChunk(chunks.get(i)));
            }
            return event(to, new AgentEvent.TextDone(text));
        }

        Script event(double at, AgentEvent event) {
            steps.add(new Turn.Step(at(at), event, null));
            return this;
        }

        Script effect(double at, Runnable effect) {
            steps.add(new Turn.Step(at(at), null, effect));
            return this;
        }

        Turn build() {
            steps.sort(Comparator.comparingLong(Turn.Step::atMillis)); // stable: same-time steps keep their order
            return new Turn(intent, cost, steps);
        }

        private long at(double fraction) {
            return Math.round(totalMs * fraction);
        }

        /** Splits by code points into about equal pieces that concatenate back to the text. */
        static List<String> chunks(String text, int pieces) {
            int[] cps = text.codePoints().toArray();
            int n = Math.max(1, Math.min(pieces, cps.length));
            List<String> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int from = cps.length * i / n;
                int to = cps.length * (i + 1) / n;
                out.add(new String(cps, from, to - from));
            }
            return out;
        }
    }
}
