package com.reelay.core.guard;

import com.reelay.core.chat.Phrasebook;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Why the guard rails turned a request away; worded in the asker's language when it is told. */
public sealed interface Refusal {

    String in(Phrasebook book);

    /** Allow lists are set and this person or chat is not on them. */
    record NotAllowed() implements Refusal {
        @Override
        public String in(Phrasebook book) {
            return book.phrase("guard.private");
        }
    }

    /** A prompt allowance is used up: {@code allowance} per period, the next one at {@code at}. */
    record OverLimit(Limit limit, int allowance, Duration delay, Instant at) implements Refusal {
        private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

        @Override
        public String in(Phrasebook book) {
            String why = book.phrase(limit.key, "limit", allowance);
            return book.phrase("guard.next", "why", why, "wait", in(book, delay), "at", HH_MM.format(at));
        }

        /** "12 minutes", "3 hours". */
        private static String in(Phrasebook book, Duration wait) {
            long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
            return minutes < 90 ? book.phrase("time.minutes", "n", minutes) : book.phrase("time.hours", "n", (minutes + 59) / 60);
        }
    }

    /** Which allowance ran out. */
    enum Limit {
        USER_DAY("guard.user_day"),
        USER_HOUR("guard.user_hour"),
        CHAT_HOUR("guard.chat_hour"),
        /** Requests that are not prompts (status, credits, export…) have allowances of their own. */
        USER_COMMANDS_HOUR("guard.user_commands_hour"),
        CHAT_COMMANDS_HOUR("guard.chat_commands_hour");

        private final String key;

        Limit(String key) {
            this.key = key;
        }
    }
}
