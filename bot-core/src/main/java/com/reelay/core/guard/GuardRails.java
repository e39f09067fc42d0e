package com.reelay.core.guard;

import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.ChatUser;
import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides, before anything reaches NemoVideo, whether a request may go on: strangers are
 * refused when allow lists are set, and prompts are limited per person and per chat over
 * trailing windows: "N per hour" means at most N in any 60 minutes, "N per day" at most N in any
 * 24 hours (a token bucket refilling greedily lets nearly twice that through). A prompt counts
 * only when every limit lets it through, and the counts live in a {@link PromptLog} (the store),
 * so a restart forgets none. A {@link Refusal} says why, and when the person can try again.
 */
public final class GuardRails {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofDays(1);
    /** Check-then-record is atomic per person and per chat; stripes keep unrelated chats apart. */
    private static final int STRIPES = 64;

    private final GuardSettings settings;
    private final Clock clock;
    private final PromptLog prompts;
    private final Object[] stripes = new Object[STRIPES];

    /** Counts kept in memory only: for tests and installs without limits. */
    public GuardRails(GuardSettings settings, Clock clock) {
        this(settings, clock, new InMemoryPromptLog());
    }

    /** {@code prompts}: where the counts live (the store, so a restart keeps them). */
    public GuardRails(GuardSettings settings, Clock clock, PromptLog prompts) {
        this.settings = settings;
        this.clock = clock;
        this.prompts = prompts;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    /** Whether this person in this chat may use the bot at all; the refusal if not. */
    public Optional<Refusal> admit(ChatRef chat, ChatUser user) {
        if (isAdmin(chat, user)) {
            return Optional.empty();
        }
        boolean chatOk = settings.allowedChats().isEmpty() || matches(settings.allowedChats(), chat.platform(), chat.id());
        boolean userOk = settings.allowedUsers().isEmpty() || matches(settings.allowedUsers(), chat.platform(), user.id());
        if (chatOk && userOk) {
            return Optional.empty();
        }
        Metrics.counter("reelay.guard.refused", "reason", "not_allowed").increment();
        return Optional.of(new Refusal.NotAllowed());
    }

    /** Counts one prompt against the person's and the chat's limits; a refusal with the time to retry if one is reached. */
    public Optional<Refusal> takePrompt(ChatRef chat, ChatUser user) {
        if (isAdmin(chat, user)) {
            return Optional.empty();
        }
        String userKey = "user:" + chat.platform() + ":" + user.id();
        String chatKey = "chat:" + chat.key();
        List<Limit> limits = new ArrayList<>();
        limits.add(new Limit(userKey, settings.promptsPerUserPerDay(), DAY, Refusal.Limit.USER_DAY));
        limits.add(new Limit(userKey, settings.promptsPerUserPerHour(), HOUR, Refusal.Limit.USER_HOUR));
        limits.add(new Limit(chatKey, settings.promptsPerChatPerHour(), HOUR, Refusal.Limit.CHAT_HOUR));
        limits.removeIf(limit -> limit.most() == 0);
        if (limits.isEmpty()) {
            return Optional.empty();
        }
        int a = stripe(userKey);
        int b = stripe(chatKey);
        synchronized (stripes[Math.min(a, b)]) { // always in the same order, so two prompts never deadlock
            synchronized (stripes[Math.max(a, b)]) {
                return take(limits);
            }
        }
    }

    /**
     * Counts one request that is not a prompt (status, credits, files without a caption, export,
     * new project) against hourly allowances of the same size as the prompt limits, kept apart
     * from them: asking for the status does not eat into prompts, and nobody can flood the bot
     * with free commands.
     */
    public Optional<Refusal> takeRequest(ChatRef chat, ChatUser user) {
        if (isAdmin(chat, user)) {
            return Optional.empty();
        }
        String userKey = "requests:user:" + chat.platform() + ":" + user.id();
        String chatKey = "requests:chat:" + chat.key();
        List<Limit> limits = new ArrayList<>();
        limits.add(new Limit(userKey, settings.promptsPerUserPerHour(), HOUR, Refusal.Limit.USER_COMMANDS_HOUR));
        limits.add(new Limit(chatKey, settings.promptsPerChatPerHour(), HOUR, Refusal.Limit.CHAT_COMMANDS_HOUR));
        limits.removeIf(limit -> limit.most() == 0);
        if (limits.isEmpty()) {
            return Optional.empty();
        }
        int a = stripe(userKey);
        int b = stripe(chatKey);
        synchronized (stripes[Math.min(a, b)]) {
            synchronized (stripes[Math.max(a, b)]) {
                return take(limits);
            }
        }
    }

    /** Checks and records as one step, across processes too: the log's keys are locked around it. */
    private Optional<Refusal> take(List<Limit> limits) {
        return prompts.exclusively(limits.stream().map(Limit::key).distinct().toList(), log -> check(log, limits));
    }

    /** All limits are read before anything is recorded, so a refusal costs nothing. */
    private Optional<Refusal> check(PromptLog prompts, List<Limit> limits) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // what the store keeps
        Optional<Reached> reached = limits.stream().map(limit -> limit.reached(prompts, now)).flatMap(Optional::stream)
                .max(Comparator.comparing(Reached::retryAt)); // the latest retry is the one that holds
        if (reached.isPresent()) {
            Metrics.counter("reelay.guard.refused", "reason", "rate_limited").increment();
            Reached r = reached.get();
            return Optional.of(new Refusal.OverLimit(r.limit().kind(), r.limit().most(), Duration.between(now, r.retryAt()),
                    r.retryAt()));
        }
        prompts.recordPrompt(limits.stream().map(Limit::key).distinct().toList(), now, now.minus(DAY));
        return Optional.empty();
    }

    private static int stripe(String key) {
        return Math.floorMod(key.hashCode(), STRIPES);
    }

    /** At most {@code most} prompts under {@code key} in any {@code window}. */
    private record Limit(String key, int most, Duration window, Refusal.Limit kind) {

        /** Empty if one more prompt at {@code now} keeps within the limit. */
        Optional<Reached> reached(PromptLog prompts, Instant now) {
            // The window is (now - window, now]: a prompt exactly one window old no longer counts.
            List<Instant> recent = prompts.promptsSince(key, now.minus(window).plusMillis(1));
            if (recent.size() < most) {
                return Optional.empty();
            }
            // Room for one more once all but most - 1 of them have left the window.
            return Optional.of(new Reached(this, recent.get(recent.size() - most).plus(window)));
        }
    }

    private record Reached(Limit limit, Instant retryAt) {
    }

    private boolean isAdmin(ChatRef chat, ChatUser user) {
        return matches(settings.admins(), chat.platform(), user.id());
    }

    /** An entry {@code platform:id} matches that platform only; a bare {@code id} matches any. */
    private static boolean matches(List<String> entries, String platform, String id) {
        for (String entry : entries) {
            if (entry.equals(id) || entry.equals(platform + ":" + id)) {
                return true;
            }
        }
        return false;
    }
}
