package com.reelay.core.conversation;

import com.reelay.core.chat.Phrasebook;
import java.time.Duration;

/** Lengths of time as people read them, in the chat's language. */
final class TimeWording {

    private TimeWording() {
    }

    /**
     * The stage with the time so far, in steps (10 s in the first minute, then 30 s) so that a
     * long generation costs a few edits a minute, not one per heartbeat: a Telegram group may
     * only receive 20 messages a minute in all.
     */
    static String withElapsed(Phrasebook book, String stage, Duration elapsed) {
        long s = elapsed.toSeconds();
        if (s < 10) {
            return stage;
        }
        s = s < 60 ? s / 10 * 10 : s / 30 * 30;
        String time = s < 60 ? book.phrase("progress.elapsed.seconds", "seconds", s)
                : book.phrase("progress.elapsed.minutes", "minutes", s / 60, "seconds", String.format("%02d", s % 60));
        return book.phrase("progress.elapsed", "stage", stage, "time", time);
    }

    /** "about 3 hours", "about 2 days": a person's sense of a long wait. */
    static String roughly(Phrasebook book, Duration wait) {
        long hours = Math.max(1, (wait.toMinutes() + 59) / 60);
        return hours < 48 ? book.phrase("time.about_hours", "n", hours) : book.phrase("time.about_days", "n", (hours + 23) / 24);
    }

    /** "about 3 minutes", "40 seconds", "2 hours". */
    static String duration(Phrasebook book, Duration d) {
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
}
