package com.reelay.simulator;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/** The simulated service's state and shared machinery, handed to every route. */
final class Backend {
    final Settings settings;
    final IdSource ids;
    final Accounts accounts;
    final Faults faults;
    final RequestLog log;
    final MediaLibrary media;
    final Agent agent;
    final ScheduledExecutorService scheduler;
    final Map<String, Session> sessions = new ConcurrentHashMap<>();
    final Map<String, Render> renders = new ConcurrentHashMap<>();
    final Set<TurnRunner> openStreams = ConcurrentHashMap.newKeySet();
    final AtomicLong streamsStarted = new AtomicLong();

    Backend(Settings settings, String baseUrl, ScheduledExecutorService scheduler) {
        this.settings = settings;
        this.ids = new IdSource(settings.seed());
        this.accounts = new Accounts(settings.clock(), ids, settings.tokenLifetime(), settings.anonymousTokensPerIp(),
                settings.anonymousTokenWindow(), settings.anonymousCredits());
        this.faults = new Faults();
        this.log = new RequestLog(settings.requestLogCapacity());
        this.media = new MediaLibrary(baseUrl);
        this.agent = new Agent(settings, ids, media);
        this.scheduler = scheduler;
    }

    /** The caller's account, or HTTP 401 / code 1001. */
    Account authenticate(Call call) {
        return accounts.authenticate(call.bearerToken()).orElseThrow(ApiError::tokenInvalid);
    }

    /** The caller's own session; unknown, lost or someone else's → code 1002. */
    Session session(Account account, String sessionId, Endpoint endpoint) {
        Session session = sessionId == null ? null : sessions.get(sessionId);
        if (session == null || !session.userId().equals(account.userId())) {
            throw ApiError.sessionNotFound(endpoint);
        }
        return session;
    }
}
