package com.reelay.discord;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.entities.MessageEmbed;

/**
 * The engine's timeline summary (a heading such as {@code Timeline (3 tracks):}, in any language,
 * then one numbered track per line) shown as an embed: a title and a short list read better than
 * a block of text.
 */
final class TimelineEmbed {

    private static final Pattern SUMMARY =
            Pattern.compile("([^\\n]{1,80}?)[:：]\\n((?:\\d+\\. [^\\n]+\\n?)+)");
    private static final int ACCENT = 0x5865F2;

    private TimelineEmbed() {
    }

    static Optional<MessageEmbed> of(String text) {
        Matcher m = SUMMARY.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String tracks = m.group(2).strip();
        return Optional.of(new EmbedBuilder()
                .setTitle("🎞️ " + m.group(1))
                .setDescription(DiscordMarkdown.escape(tracks, MessageEmbed.DESCRIPTION_MAX_LENGTH))
                .setColor(ACCENT)
                .build());
    }
}
