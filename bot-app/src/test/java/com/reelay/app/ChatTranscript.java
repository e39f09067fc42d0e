package com.reelay.app;

import com.reelay.telegram.LoadBalancedTelegram.Said;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One chat of the fleet test as its person saw it. The person {@code sent} a prompt naming the
 * chat's {@code subject}, then "export"; and as a person would, "export" again when an export was
 * cut off, or the prompt and "export" again when there was nothing to export (the prompt had been
 * cut off before NemoVideo made anything).
 *
 * <ul>
 *   <li>A <b>posting</b> is a send, or an edit that changes a message's text (an edit of the
 *       buttons alone posts nothing).</li>
 *   <li>A <b>reply</b> is a posting that is not a progress line (those start with ⏳ 🎬 ✂️ 🎵 📤
 *       📥), compared without its receipt ("💳 …", whose balance moves with every other chat
 *       spending on the shared account).</li>
 *   <li>An <b>outcome</b> is how a request ended, one per request: for a prompt the agent's
 *       answer (a reply naming the subject); for an export its link, or "nothing to export yet"
 *       ({@code export.nothing}); for either the notice that it was cut off ({@code request.cut_off_*}
 *       or {@code request.interrupted}). A message edited several times counts once, as what it
 *       ends up saying. The replies are <b>in order</b> when the n-th outcome is one the n-th
 *       request can have.</li>
 *   <li>A <b>duplicate</b> is the same reply text posted twice for the same request. The prompt's
 *       replies name the subject and an export's carry its link or "✅ Rendered.", so any such
 *       reply posted twice in one chat is one; cut-off notices and "nothing to export" read the same
 *       for every request, so they are judged by count instead: a chat has exactly as many
 *       outcomes as requests.</li>
 * </ul>
 */
record ChatTranscript(long chatId, String subject, List<Request> sent, List<Said> said) {

    enum Request {
        PROMPT, EXPORT;

        boolean endsAs(Outcome outcome) {
            return outcome == Outcome.CUT_OFF || (this == PROMPT ? outcome == Outcome.ANSWER
                    : outcome == Outcome.LINK || outcome == Outcome.NOTHING_TO_EXPORT);
        }
    }

    enum Outcome { ANSWER, CUT_OFF, LINK, NOTHING_TO_EXPORT }

    private static final Pattern LINK = Pattern.compile("http://127\\.0\\.0\\.1:\\d+/cdn/renders/[^\\s<]+\\.mp4");
    private static final List<String> PROGRESS = List.of("⏳", "🎬", "✂️", "🎵", "📤", "📥");
    private static final String RECEIPT = "💳";
    /** How an honest "your request was interrupted" reads, in bot-core's English phrases. */
    private static final List<String> CUT_OFF = phrases("request.cut_off_prompt", "request.cut_off_export",
            "request.cut_off_other", "request.interrupted").stream()
            .map(p -> p.contains("{") ? p.substring(0, p.indexOf('{')) : p).toList(); // up to the quoted prompt
    private static final List<String> NOTHING_TO_EXPORT = phrases("export.nothing");
    private static final String CUT_OFF_EXPORT = phrases("request.cut_off_export").get(0);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    /** The replies, in order, without receipts. */
    List<String> replies() {
        Map<Integer, String> shown = new HashMap<>();
        List<String> replies = new ArrayList<>();
        for (Said s : said) {
            String before = shown.put(s.messageId(), s.text());
            if (!s.text().equals(before) && !isProgress(s.text())) {
                replies.add(withoutReceipt(s.text()));
            }
        }
        return replies;
    }

    /** How the requests ended, in the order their outcomes were first posted. */
    List<Outcome> outcomes() {
        Map<Integer, String> last = new LinkedHashMap<>();
        List<Integer> order = new ArrayList<>();
        for (Said s : said) {
            last.put(s.messageId(), s.text());
            if (outcome(s.text()) != null && !order.contains(s.messageId())) {
                order.add(s.messageId());
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (int message : order) {
            Outcome o = outcome(last.get(message));
            if (o != null) {
                outcomes.add(o);
            }
        }
        return outcomes;
    }

    /** Every request has its outcome, the last one a link. */
    boolean complete() {
        List<Outcome> outcomes = outcomes();
        return outcomes.size() >= sent.size() && outcomes.get(outcomes.size() - 1) == Outcome.LINK;
    }

    /**
     * What the person sends next, once every request has its outcome and there is no link yet:
     * "export" after an export was cut off; the prompt and "export" after "nothing to export".
     * Empty while they wait (or are done).
     */
    List<Request> next() {
        List<Outcome> outcomes = outcomes();
        if (outcomes.size() != sent.size() || outcomes.isEmpty()) {
            return List.of();
        }
        Outcome last = outcomes.get(outcomes.size() - 1);
        if (last == Outcome.NOTHING_TO_EXPORT) {
            return List.of(Request.PROMPT, Request.EXPORT);
        }
        // The notice names its request: only an export's own cut-off makes the person export again.
        return last == Outcome.CUT_OFF && sent.get(sent.size() - 1) == Request.EXPORT && lastCutOffIsAnExports()
                ? List.of(Request.EXPORT) : List.of();
    }

    /** Each outcome is one its request can have, request by request: the replies came in order. */
    boolean inOrder() {
        List<Outcome> outcomes = outcomes();
        for (int i = 0; i < Math.min(outcomes.size(), sent.size()); i++) {
            if (!sent.get(i).endsAs(outcomes.get(i))) {
                return false;
            }
        }
        return true;
    }

    private boolean lastCutOffIsAnExports() {
        List<String> replies = replies();
        for (int i = replies.size() - 1; i >= 0; i--) {
            if (isCutOff(replies.get(i))) {
                return replies.get(i).contains(CUT_OFF_EXPORT);
            }
        }
        return false;
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

    /** Replies that name their request (answers, links, "✅ Rendered.") posted more than once. */
    Set<String> duplicates() {
        Set<String> seen = new LinkedHashSet<>();
        Set<String> twice = new LinkedHashSet<>();
        for (String reply : replies()) {
            if (outcome(reply) != Outcome.CUT_OFF && outcome(reply) != Outcome.NOTHING_TO_EXPORT && !seen.add(reply)) {
                twice.add(reply);
            }
        }
        return twice;
    }

    private Outcome outcome(String text) {
        if (isProgress(text)) {
            return null;
        }
        String reply = withoutReceipt(text);
        if (LINK.matcher(reply).find()) {
            return Outcome.LINK;
        }
        if (isCutOff(reply)) {
            return Outcome.CUT_OFF;
        }
        if (NOTHING_TO_EXPORT.stream().anyMatch(reply::contains)) {
            return Outcome.NOTHING_TO_EXPORT;
        }
        return reply.contains(subject) ? Outcome.ANSWER : null;
    }

    private static boolean isProgress(String text) {
        return PROGRESS.stream().anyMatch(text::startsWith);
    }

    private static String withoutReceipt(String text) {
        int receipt = text.indexOf(RECEIPT);
        return (receipt < 0 ? text : text.substring(0, receipt)).strip();
    }

    private static boolean isCutOff(String reply) {
        return CUT_OFF.stream().anyMatch(reply::contains);
    }

    private static List<String> phrases(String... keys) {
        Properties english = new Properties();
        try (InputStream in = ChatTranscript.class.getResourceAsStream("/i18n/messages_en.properties")) {
            english.load(new InputStreamReader(Objects.requireNonNull(in, "messages_en.properties"), StandardCharsets.UTF_8));
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("bot-core's English phrases are not on the test classpath", e);
        }
        return Arrays.stream(keys).map(key -> Objects.requireNonNull(english.getProperty(key), key)).toList();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("chat " + chatId + " (sent " + sent + "; outcomes " + outcomes() + "):");
        for (Said s : said) {
            out.append("\n  ").append(TIME.format(Instant.ofEpochMilli(s.atMillis()))).append(s.edit() ? " edit " : " send ")
                    .append(s.messageId()).append(": ").append(s.text().replace("\n", " / "));
        }
        return out.toString();
    }
}
