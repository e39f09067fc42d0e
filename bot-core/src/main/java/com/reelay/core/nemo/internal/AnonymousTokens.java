package com.reelay.core.nemo.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.reelay.core.nemo.AnonymousIdentity;
import com.reelay.core.nemo.NemoAuth;
import com.reelay.core.nemo.NemoException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.HttpUrl;
import okhttp3.RequestBody;
import io.micrometer.core.instrument.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tokens for anonymous identities. The client id is generated once, kept through the identity's
 * {@link com.reelay.core.nemo.IdentityKeeper} <em>before</em> the service is asked (so a failed
 * call cannot make us generate another), and reused for every later token: the service hands out
 * about one token per client id per week.
 *
 * <p>Refreshes of one identity are single-flight: callers that saw the same token rejected wait for
 * one refresh and then use its result.
 */
public final class AnonymousTokens {

    private static final Logger LOG = LoggerFactory.getLogger(AnonymousTokens.class);

    private final NemoHttp http;
    private final HttpUrl tokenUrl;
    private final Clock clock;
    private final Map<NemoAuth, ReentrantLock> locks = Collections.synchronizedMap(new WeakHashMap<>());

    AnonymousTokens(NemoHttp http, HttpUrl base, Clock clock) {
        this.http = http;
        this.tokenUrl = base.newBuilder().addPathSegments("api/auth/anonymous-token").build();
        this.clock = clock;
    }

    /** The token to send now, without asking the service; empty when one must be fetched first. */
    public Optional<String> usableToken(NemoAuth auth) {
        if (!auth.isAnonymous()) {
            return auth.currentToken();
        }
        return auth.identity().filter(this::usable).map(AnonymousIdentity::token);
    }

    /** The token to send now, fetching one when the identity has none (or it has expired). */
    public String tokenFor(NemoAuth auth) throws NemoException {
        Optional<String> token = usableToken(auth);
        if (token.isPresent()) {
            return token.get();
        }
        return refresh(auth, auth.identity().map(AnonymousIdentity::token).orElse(""));
    }

    /**
     * Replaces {@code rejected} with a fresh token for the same client id, unless another caller
     * already did: then that token is returned without asking the service again.
     */
    public String refresh(NemoAuth auth, String rejected) throws NemoException {
        if (!auth.isAnonymous()) {
            throw new NemoException.TokenRejected("fixed token rejected");
        }
        ReentrantLock lock = locks.computeIfAbsent(auth, a -> new ReentrantLock());
        lock.lock();
        try {
            Optional<AnonymousIdentity> kept = auth.identity();
            if (kept.isPresent() && usable(kept.get()) && !kept.get().token().equals(rejected)) {
                return kept.get().token();
            }
            String clientId;
            if (kept.isPresent()) {
                clientId = kept.get().clientId();
                LOG.info("getting a new anonymous token for a kept identity");
            } else {
                clientId = UUID.randomUUID().toString();
                auth.update(AnonymousIdentity.withoutToken(clientId));
                LOG.info("created an anonymous identity; getting its first token");
            }
            ApiCall call = new ApiCall("POST", tokenUrl, () -> RequestBody.create(new byte[0]), true,
                    false, false, false, Map.of("X-Client-Id", clientId));
            JsonNode data;
            try {
                data = http.send(null, call);
            } catch (NemoException.RateLimited refused) {
                // The per-address allowance of new identities is spent: waiting minutes won't help.
                Metrics.counter("reelay.nemo.identity.refused").increment();
                LOG.warn("NemoVideo refused a new anonymous identity (about 10 per address a week){}; "
                        + "set NEMO_TOKEN to a registered account for a public bot",
                        refused.asked().map(d -> ", it names a wait of " + d.toHours() + " h").orElse(""));
                throw new NemoException.IdentityRefused(call.where() + ": anonymous identity refused",
                        refused.asked().orElse(null));
            }
            String token = Json.text(data, "token");
            if (token == null || token.isBlank()) {
                throw new NemoException.Unexpected(0, call.where() + ": the answer carries no token");
            }
            String userId = Json.text(data, "user_id");
            if (userId == null) {
                userId = kept.map(AnonymousIdentity::userId).orElse("");
            }
            Instant expiresAt = instant(data == null ? null : data.get("expires_at"));
            auth.update(new AnonymousIdentity(clientId, token, userId, expiresAt));
            LOG.info("anonymous token issued{}", expiresAt == null ? "" : " (expires " + expiresAt + ")");
            return token;
        } finally {
            lock.unlock();
        }
    }

    private boolean usable(AnonymousIdentity identity) {
        return identity.hasToken() && (identity.expiresAt() == null || identity.expiresAt().isAfter(clock.instant()));
    }

    /** An ISO instant or offset date-time, or epoch seconds/milliseconds; null when unreadable. */
    static Instant instant(JsonNode node) {
        if (!Json.present(node)) {
            return null;
        }
        if (node.isNumber()) {
            long value = node.asLong();
            return value > 100_000_000_000L ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
        }
        String text = node.asText().strip();
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e2) {
                if (!text.isEmpty() && text.length() < 19 && text.chars().allMatch(Character::isDigit)) {
                    return instant(com.fasterxml.jackson.databind.node.LongNode.valueOf(Long.parseLong(text)));
                }
                return null;
            }
        }
    }
}
