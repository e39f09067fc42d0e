package com.reelay.app.settings;

import com.reelay.core.conversation.IdentityScope;
import com.reelay.core.nemo.NemoSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The NemoVideo service as an operator configures it. {@code token} is a registered account's
 * token (empty: anonymous identities, shared out by {@code identityScope}).
 */
public record NemoSection(String token, String apiBase, String skillSource, String skillVersion, String skillPlatform,
                          Duration rateLimitWait, Duration streamTimeout, Duration streamIdleTimeout,
                          Duration renderFirstPoll, Duration renderMaxPollInterval, int maxConcurrentStreams,
                          IdentityScope identityScope) {

    public NemoSection {
        token = token == null ? "" : token.strip();
        identityScope = identityScope == null ? IdentityScope.CHAT : identityScope;
        StringBuilder problems = new StringBuilder();
        try {
            URI uri = URI.create(apiBase == null ? "" : apiBase.strip());
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                problems.append("api-base must be an http(s) URL, got \"").append(apiBase).append("\"; ");
            }
        } catch (IllegalArgumentException e) {
            problems.append("api-base must be an http(s) URL, got \"").append(apiBase).append("\"; ");
        }
        for (Object[] d : new Object[][] {{"rate-limit-wait", rateLimitWait}, {"stream-timeout", streamTimeout},
                {"stream-idle-timeout", streamIdleTimeout}, {"render-first-poll", renderFirstPoll},
                {"render-max-poll-interval", renderMaxPollInterval}}) {
            Duration value = (Duration) d[1];
            if (value == null || value.isNegative() || value.isZero()) {
                problems.append(d[0]).append(" must be a positive duration; ");
            }
        }
        if (maxConcurrentStreams < 1) {
            problems.append("max-concurrent-streams must be at least 1; ");
        }
        if (problems.length() > 0) {
            throw new IllegalArgumentException(problems.substring(0, problems.length() - 2));
        }
    }

    public static NemoSection defaults() {
        NemoSettings d = NemoSettings.defaults(NemoSettings.DEFAULT_BASE_URL);
        return new NemoSection("", d.baseUrl(), d.skillSource(), d.skillVersion(), d.skillPlatform(), d.rateLimitWait(),
                d.streamTimeout(), d.streamIdleTimeout(), d.renderFirstPoll(), d.renderMaxPollInterval(),
                d.maxConcurrentRequests(), IdentityScope.CHAT);
    }

    public Optional<String> registeredToken() {
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    /** The client's settings: these values over the client's own defaults. */
    public NemoSettings toClientSettings() {
        NemoSettings d = NemoSettings.defaults(apiBase);
        return new NemoSettings(apiBase, skillSource, skillVersion, skillPlatform, rateLimitWait, d.maxRateLimitWait(),
                d.retryAttempts(), d.retryBaseDelay(), streamTimeout, streamIdleTimeout, renderFirstPoll,
                renderMaxPollInterval, maxConcurrentStreams, d.connectTimeout(), d.callTimeout());
    }

    @Override
    public String toString() {
        return "NemoSection[token=" + (token.isEmpty() ? "" : "***") + ", apiBase=" + apiBase + "]";
    }
}
