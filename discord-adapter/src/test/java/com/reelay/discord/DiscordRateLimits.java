package com.reelay.discord;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import net.dv8tion.jda.api.utils.data.DataObject;

/**
 * Discord's rate limits as {@link FakeDiscord} enforces them. Every route has buckets per major
 * parameter (channel, interaction token) that refill at fixed times and are described in
 * {@code X-RateLimit-*} headers on every answer, as Discord does; every route but the
 * interaction routes also counts against the global limit of 50 requests in any trailing
 * second (stricter than Discord's own). A request over a limit gets 429 with {@code Retry-After},
 * {@code X-RateLimit-Scope} and, for the global limit, {@code X-RateLimit-Global: true}.
 * Answers carry {@code Via}, which JDA reads as "not Cloudflare".
 */
final class DiscordRateLimits {

    static final int GLOBAL_PER_SECOND = 50;

    private record Route(Pattern path, String method, String name, int limit, Duration per, boolean interaction) {
    }

    private static final List<Route> ROUTES = List.of(
            new Route(Pattern.compile("/api/v10/channels/(\\d+)/messages"), "POST", "create-message", 5, Duration.ofSeconds(5), false),
            new Route(Pattern.compile("/api/v10/channels/(\\d+)/messages/\\d+"), "PATCH", "edit-message", 5, Duration.ofSeconds(5), false),
            new Route(Pattern.compile("/api/v10/channels/(\\d+)/typing"), "POST", "typing", 5, Duration.ofSeconds(5), false),
            new Route(Pattern.compile("/api/v10/interactions/(\\d+)/[^/]+/callback"), null, "callback", 5, Duration.ofSeconds(5), true),
            new Route(Pattern.compile("/api/v10/webhooks/\\d+/([^/]+).*"), null, "interaction-webhook", 5, Duration.ofSeconds(2), true));
    private static final Route OTHER = new Route(Pattern.compile("(.*)"), null, "other", 5, Duration.ofSeconds(5), false);

    private static final class Bucket {
        long resetAt;
        int used;
    }

    private final Map<String, Bucket> buckets = new HashMap<>();
    private final Deque<Long> global = new ArrayDeque<>();
    private final List<String> refusals = new ArrayList<>();

    /** What Discord answered 429 to, and why. */
    synchronized List<String> refusals() {
        return List.copyOf(refusals);
    }

    /**
     * Counts a request arriving now: a 429 if it is over a limit (it then counts nowhere), else
     * null and the headers its answer carries.
     */
    synchronized Admission admit(String method, String path) {
        long now = System.nanoTime();
        Route route = route(method, path);
        Matcher m = route.path().matcher(path);
        String major = m.matches() ? m.group(1) : path;
        String key = route.name() + ":" + major;
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket());
        if (bucket.resetAt <= now) {
            bucket.resetAt = now + route.per().toNanos();
            bucket.used = 0;
        }
        if (!route.interaction()) {
            while (!global.isEmpty() && global.peekFirst() <= now - 1_000_000_000L) {
                global.pollFirst();
            }
            if (global.size() >= GLOBAL_PER_SECOND) {
                long wait = global.peekFirst() + 1_000_000_000L - now;
                refusals.add("global: " + method + " " + route.name());
                return new Admission(tooManyRequests(wait, true, route, bucket, now), null);
            }
        }
        if (bucket.used >= route.limit()) {
            refusals.add("bucket " + key + ": " + method + " " + route.name());
            return new Admission(tooManyRequests(bucket.resetAt - now, false, route, bucket, now), null);
        }
        bucket.used++;
        if (!route.interaction()) {
            global.addLast(now);
        }
        return new Admission(null, headers(route, bucket, now));
    }

    /** A 429 to answer now, or the headers to put on the answer. */
    record Admission(MockResponse refused, Map<String, String> headers) {
        MockResponse apply(MockResponse answer) {
            MockResponse.Builder b = answer.newBuilder();
            headers.forEach(b::setHeader);
            return b.build();
        }
    }

    private static Route route(String method, String path) {
        for (Route r : ROUTES) {
            if ((r.method() == null || r.method().equals(method)) && r.path().matcher(path).matches()) {
                return r;
            }
        }
        return OTHER;
    }

    private static Map<String, String> headers(Route route, Bucket bucket, long now) {
        Map<String, String> h = new HashMap<>();
        double resetAfter = Math.max(0, bucket.resetAt - now) / 1e9;
        h.put("X-RateLimit-Limit", Integer.toString(route.limit()));
        h.put("X-RateLimit-Remaining", Integer.toString(Math.max(0, route.limit() - bucket.used)));
        h.put("X-RateLimit-Reset-After", String.format(java.util.Locale.ROOT, "%.3f", resetAfter));
        h.put("X-RateLimit-Reset", String.format(java.util.Locale.ROOT, "%.3f", System.currentTimeMillis() / 1e3 + resetAfter));
        h.put("X-RateLimit-Bucket", Integer.toHexString(route.name().hashCode()));
        h.put("Via", "1.1 google");
        return h;
    }

    private static MockResponse tooManyRequests(long waitNanos, boolean global, Route route, Bucket bucket, long now) {
        double seconds = Math.max(0.001, waitNanos / 1e9);
        MockResponse.Builder b = new MockResponse.Builder().code(429).addHeader("Content-Type", "application/json")
                .addHeader("Retry-After", Long.toString((long) Math.ceil(seconds)))
                .addHeader("X-RateLimit-Scope", global ? "global" : "user")
                .body(DataObject.empty().put("message", "You are being rate limited.")
                        .put("retry_after", seconds).put("global", global).toString());
        if (global) {
            b.addHeader("X-RateLimit-Global", "true").addHeader("Via", "1.1 google");
        } else {
            headers(route, bucket, now).forEach(b::setHeader);
        }
        return b.build();
    }
}
