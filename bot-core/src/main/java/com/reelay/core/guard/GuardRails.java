package com.reelay.core.guard;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.ChatUser;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides, before anything reaches NemoVideo, whether a request may go on: strangers are
 * refused when allow lists are set, and prompts are rate limited per person and per chat (token
 * buckets from Bucket4j) with a daily quota. The refusal says when the person can try again.
 */
public final class GuardRails {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private final GuardSettings settings;
    private final Clock clock;
    private final TimeMeter time;
    private final Cache<String, Bucket> userHour;
    private final Cache<String, Bucket> chatHour;
    private final Cache<String, Bucket> userDay;

    public GuardRails(GuardSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.time = new ClockTime(clock);
        // Buckets of people who went quiet for a day are full again anyway: let them go.
        this.userHour = Caffeine.newBuilder().expireAfterAccess(Duration.ofHours(2)).build();
        this.chatHour = Caffeine.newBuilder().expireAfterAccess(Duration.ofHours(2)).build();
        this.userDay = Caffeine.newBuilder().expireAfterAccess(Duration.ofDays(2)).build();
    }

    /** Whether this person in this chat may use the bot at all; a refusal to say if not. */
    public Optional<String> admit(ChatRef chat, ChatUser user) {
        if (isAdmin(chat, user)) {
            return Optional.empty();
        }
        boolean chatOk = settings.allowedChats().isEmpty() || matches(settings.allowedChats(), chat.platform(), chat.id());
        boolean userOk = settings.allowedUsers().isEmpty() || matches(settings.allowedUsers(), chat.platform(), user.id());
        if (chatOk && userOk) {
            return Optional.empty();
        }
        Metrics.counter("reelay.guard.refused", "reason", "not_allowed").increment();
        return Optional.of("Sorry, this bot is private. Ask its operator to let you in.");
    }

    /** Takes one prompt from the person's and the chat's allowance; a refusal with the time to retry if none is left. */
    public Optional<String> takePrompt(ChatRef chat, ChatUser user) {
        if (isAdmin(chat, user)) {
            return Optional.empty();
        }
        String userKey = chat.platform() + ":" + user.id();
        Optional<String> refusal = take(userDay, userKey, settings.promptsPerUserPerDay(), Duration.ofDays(1),
                "You've used today's " + settings.promptsPerUserPerDay() + " prompts.");
        if (refusal.isEmpty()) {
            refusal = take(userHour, userKey, settings.promptsPerUserPerHour(), Duration.ofHours(1),
                    "You've sent " + settings.promptsPerUserPerHour() + " prompts in the last hour, the most this bot allows.");
        }
        if (refusal.isEmpty()) {
            refusal = take(chatHour, chat.key(), settings.promptsPerChatPerHour(), Duration.ofHours(1),
                    "This chat has sent " + settings.promptsPerChatPerHour() + " prompts in the last hour, the most this bot allows.");
        }
        refusal.ifPresent(r -> Metrics.counter("reelay.guard.refused", "reason", "rate_limited").increment());
        return refusal;
    }

    private Optional<String> take(Cache<String, Bucket> buckets, String key, int perPeriod, Duration period, String why) {
        if (perPeriod == 0) {
            return Optional.empty();
        }
        Bucket bucket = buckets.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perPeriod).refillGreedy(perPeriod, period).build())
                .withCustomTimePrecision(time)
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Optional.empty();
        }
        Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
        return Optional.of(why + " You can send the next one " + when(wait) + ".");
    }

    /** "in 12 minutes (at 14:05 UTC)". */
    private String when(Duration wait) {
        long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
        String in = minutes < 90 ? minutes + (minutes == 1 ? " minute" : " minutes")
                : (minutes + 59) / 60 + " hours";
        Instant at = clock.instant().plus(wait);
        return "in " + in + " (at " + HH_MM.format(at) + " UTC)";
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

    /** Bucket4j's time taken from our clock, so tests move it by hand. */
    private static final class ClockTime implements TimeMeter {
        private final Supplier<Instant> now;

        ClockTime(Clock clock) {
            this.now = clock::instant;
        }

        @Override
        public long currentTimeNanos() {
            Instant i = now.get();
            return i.getEpochSecond() * 1_000_000_000L + i.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
