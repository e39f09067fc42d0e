package com.reelay.core.nemo;

import java.time.Duration;

/**
 * How the client talks to NemoVideo. Every wait the product needs is here so tests can run
 * it in milliseconds.
 *
 * @param baseUrl              API base, e.g. {@code https://mega-api-prod.nemovideo.ai}
 * @param skillSource          {@code X-Skill-Source}
 * @param skillVersion         {@code X-Skill-Version}
 * @param skillPlatform        {@code X-Skill-Platform}
 * @param rateLimitWait        wait after a 429 without {@code Retry-After}
 * @param maxRateLimitWait     never wait longer than this, whatever the service says
 * @param retryAttempts        attempts (including the first) for idempotent calls on 5xx/IO
 * @param retryBaseDelay       first back-off for those retries (grows, with jitter)
 * @param streamTimeout        overall limit of one chat stream
 * @param streamIdleTimeout    limit of a stream that sends nothing but heartbeats
 * @param renderFirstPoll      first render status poll after submitting
 * @param renderMaxPollInterval poll interval the back-off stops at (4 s by default: the link waits half of
 *                             it on average, measured in the bench module)
 * @param maxConcurrentRequests concurrent asynchronous calls (mostly open streams) the client allows
 * @param connectTimeout       TCP/TLS connect limit
 * @param callTimeout          limit of one non-streaming call (uploads excepted)
 */
public record NemoSettings(
        String baseUrl,
        String skillSource,
        String skillVersion,
        String skillPlatform,
        Duration rateLimitWait,
        Duration maxRateLimitWait,
        int retryAttempts,
        Duration retryBaseDelay,
        Duration streamTimeout,
        Duration streamIdleTimeout,
        Duration renderFirstPoll,
        Duration renderMaxPollInterval,
        int maxConcurrentRequests,
        Duration connectTimeout,
        Duration callTimeout) {

    public static final String DEFAULT_BASE_URL = "https://mega-api-prod.nemovideo.ai";
    public static final String DEFAULT_SKILL_SOURCE = "ai-video-generator-free-canva";
    public static final String DEFAULT_SKILL_PLATFORM = "unknown";

    public NemoSettings {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("baseUrl must not be blank");
        }
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        if (retryAttempts < 1 || maxConcurrentRequests < 1) {
            throw new IllegalArgumentException("retryAttempts and maxConcurrentRequests must be positive");
        }
    }

    /** Production defaults for {@code baseUrl}. */
    public static NemoSettings defaults(String baseUrl) {
        return new NemoSettings(baseUrl, DEFAULT_SKILL_SOURCE, "1.0.0", DEFAULT_SKILL_PLATFORM,
                Duration.ofSeconds(30), Duration.ofMinutes(2), 3, Duration.ofMillis(500),
                Duration.ofMinutes(15), Duration.ofMinutes(10),
                Duration.ofSeconds(2), Duration.ofSeconds(4),
                4096, Duration.ofSeconds(10), Duration.ofSeconds(60));
    }

    public NemoSettings withBaseUrl(String url) {
        return new NemoSettings(url, skillSource, skillVersion, skillPlatform, rateLimitWait, maxRateLimitWait,
                retryAttempts, retryBaseDelay, streamTimeout, streamIdleTimeout, renderFirstPoll,
                renderMaxPollInterval, maxConcurrentRequests, connectTimeout, callTimeout);
    }

    public NemoSettings withAttribution(String source, String version, String platform) {
        return new NemoSettings(baseUrl, source, version, platform, rateLimitWait, maxRateLimitWait,
                retryAttempts, retryBaseDelay, streamTimeout, streamIdleTimeout, renderFirstPoll,
                renderMaxPollInterval, maxConcurrentRequests, connectTimeout, callTimeout);
    }

    /** Tiny waits for tests: same behaviour, milliseconds instead of seconds. */
    public NemoSettings withFastTimings(Duration streamIdle, Duration streamOverall) {
        return new NemoSettings(baseUrl, skillSource, skillVersion, skillPlatform, Duration.ofMillis(20),
                Duration.ofMillis(200), retryAttempts, Duration.ofMillis(5), streamOverall, streamIdle,
                Duration.ofMillis(10), Duration.ofMillis(40), maxConcurrentRequests, Duration.ofSeconds(5),
                Duration.ofSeconds(60));
    }
}
