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
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides, before anything reaches NemoVideo, whether a request may go on: strangers are
 * refused when allow lists are set, and prompts are rate limited per person and per chat (token
 * buckets from Bucket4j) with a daily quota. A {@link Refusal} says why, and when the person can try again.
 */
public final class GuardRails {

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

    /** Takes one prompt from the person's and the chat's allowance; a refusal with the time to retry if none is left. */
    public Optional<Refusal> takePrompt(ChatRef chat, ChatUser user) {
        if (isAdmin(chat, user)) {
            return Optional.empty();
        }
        String userKey = chat.platform() + ":" + user.id();
        Optional<Refusal> refusal = take(userDay, userKey, settings.promptsPerUserPerDay(), Duration.ofDays(1),
                Refusal.Limit.USER_DAY);
        if (refusal.isEmpty()) {
            refusal = take(userHour, userKey, settings.promptsPerUserPerHour(), Duration.ofHours(1), Refusal.Limit.USER_HOUR);
        }
        if (refusal.isEmpty()) {
            refusal = take(chatHour, chat.key(), settings.promptsPerChatPerHour(), Duration.ofHours(1), Refusal.Limit.CHAT_HOUR);
        }
        refusal.ifPresent(r -> Metrics.counter("reelay.guard.refused", "reason", "rate_limited").increment());
        return refusal;
    }

    private Optional<Refusal> take(Cache<String, Bucket> buckets, String key, int perPeriod, Duration period,
                                   Refusal.Limit limit) {
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
        return Optional.of(new Refusal.OverLimit(limit, perPeriod, wait, clock.instant().plus(wait)));
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
