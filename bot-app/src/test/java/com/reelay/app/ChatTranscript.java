package com.reelay.app;

import com.reelay.telegram.LoadBalancedTelegram.Said;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One chat of the fleet test as its person saw it, read for the two requests they made: a
 * prompt naming the chat's {@code subject}, then "export".
 *
 * <ul>
 *   <li>A <b>posting</b> is a send, or an edit that changes a message's text (an edit of the
 *       buttons alone posts nothing).</li>
 *   <li>A <b>reply</b> is a posting that is not a progress line (those start with ⏳ 🎬 ✂️ 🎵 📤
 *       📥), compared without its receipt ("💳 …", whose balance moves with every other chat
 *       spending on the shared account).</li>
 *   <li>A <b>duplicate</b> is the same reply posted twice in the chat. The prompt's replies name
 *       the subject, the export's carry its link or "✅ Rendered.", so two equal replies in one
 *       chat belong to one request: a duplicate is the same reply text posted twice for the same
 *       request.</li>
 *   <li>The prompt's <b>outcome</b> is its first reply naming the subject (the agent's answer) or
 *       saying the request was interrupted; the export's is its first reply carrying a link.</li>
 * </ul>
 */
record ChatTranscript(long chatId, String subject, List<Said> said) {

    private static final Pattern LINK = Pattern.compile("http://127\\.0\\.0\\.1:\\d+/cdn/renders/[^\\s<]+\\.mp4");
    private static final List<String> PROGRESS = List.of("⏳", "🎬", "✂️", "🎵", "📤", "📥");
    private static final String RECEIPT = "💳";
    /** How an honest "your request was interrupted" reads, in bot-core's English phrases. */
    private static final List<String> INTERRUPTED = phrases("request.cut_off", "request.interrupted");

    /** The replies, in order, without receipts. */
    List<String> replies() {
        Map<Integer, String> shown = new HashMap<>();
        List<String> replies = new ArrayList<>();
        for (Said s : said) {
            String before = shown.put(s.messageId(), s.text());
            if (s.text().equals(before) || PROGRESS.stream().anyMatch(s.text()::startsWith)) {
                continue;
            }
            int receipt = s.text().indexOf(RECEIPT);
            String reply = (receipt < 0 ? s.text() : s.text().substring(0, receipt)).strip();
            if (!reply.isEmpty()) {
                replies.add(reply);
            }
        }
        return replies;
    }

    /** Where the prompt's outcome is among the replies; -1 while it has none. */
    int promptOutcomeAt() {
        List<String> replies = replies();
        for (int i = 0; i < replies.size(); i++) {
            if (replies.get(i).contains(subject) || isInterruption(replies.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the prompt's outcome says the request was interrupted, not the agent's answer. */
    boolean interrupted() {
        int at = promptOutcomeAt();
        return at >= 0 && isInterruption(replies().get(at));
    }

    /** Where the export's link first is among the replies; -1 while it has none. */
    int linkAt() {
        List<String> replies = replies();
        for (int i = 0; i < replies.size(); i++) {
            if (LINK.matcher(replies.get(i)).find()) {
                return i;
            }
        }
        return -1;
    }

    /** Every render link the chat was shown. */
    Set<String> links() {
        Set<String> links = new LinkedHashSet<>();
        for (String reply : replies()) {
            Matcher m = LINK.matcher(reply);
            while (m.find()) {
                links.add(m.group());
            }
        }
        return links;
    }

    /** How many replies carried a link. */
    long linkPostings() {
        return replies().stream().filter(r -> LINK.matcher(r).find()).count();
    }

    /** Replies posted more than once. */
    Set<String> duplicates() {
        Set<String> seen = new LinkedHashSet<>();
        Set<String> twice = new LinkedHashSet<>();
        for (String reply : replies()) {
            if (!seen.add(reply)) {
                twice.add(reply);
            }
        }
        return twice;
    }

    /** Both outcomes are in (in whichever order). */
    boolean complete() {
        return promptOutcomeAt() >= 0 && linkAt() >= 0;
    }

    private static boolean isInterruption(String reply) {
        return INTERRUPTED.stream().anyMatch(reply::contains);
    }

    private static List<String> phrases(String... keys) {
        Properties english = new Properties();
        try (InputStream in = ChatTranscript.class.getResourceAsStream("/i18n/messages_en.properties")) {
            english.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("bot-core's English phrases are not on the test classpath", e);
        }
        return Arrays.stream(keys).map(key -> Objects.requireNonNull(english.getProperty(key), key)).toList();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("chat " + chatId + " (" + subject + "):");
        for (Said s : said) {
            out.append("\n  ").append(s.edit() ? "edit " : "send ").append(s.messageId()).append(": ")
                    .append(s.text().replace("\n", " / "));
        }
        return out.toString();
    }
}
