package com.reelay.core.guard;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Everything the guard rails say to people, in one place. Plain text: adapters escape it. */
final class GuardPhrases {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    static final String PRIVATE_BOT = "Sorry, this bot is private. Ask its operator to let you in.";
    static final String PROMPTS = "prompts";
    static final String COMMANDS = "commands";

    private GuardPhrases() {
    }

    static String yoursToday(int most, String what) {
        return "You've sent " + most + " " + what + " in the last 24 hours, the most this bot allows.";
    }

    static String yoursThisHour(int most, String what) {
        return "You've sent " + most + " " + what + " in the last hour, the most this bot allows.";
    }

    static String chatsThisHour(int most, String what) {
        return "This chat has sent " + most + " " + what + " in the last hour, the most this bot allows.";
    }

    /** The refusal, then when the next one may come: "in 12 minutes (at 14:05 UTC)". */
    static String nextOne(String why, Instant at, Instant now) {
        Duration wait = Duration.between(now, at);
        long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
        String in = minutes < 90 ? minutes + (minutes == 1 ? " minute" : " minutes")
                : (minutes + 59) / 60 + " hours";
        return why + " You can send the next one in " + in + " (at " + HH_MM.format(at) + " UTC).";
    }
}
