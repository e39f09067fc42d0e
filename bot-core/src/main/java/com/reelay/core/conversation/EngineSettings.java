package com.reelay.core.conversation;

import java.time.Duration;

/**
 * How the engine paces itself.
 *
 * @param maxConcurrentRequests requests (across all chats) running at once; the rest wait their turn
 * @param workerThreads         threads for blocking NemoVideo calls (session, state, upload, export)
 * @param editInterval          at most one progress edit per this interval per message
 * @param maxFilesPerRequest    files accepted in one message
 * @param maxTextLength         longest prompt accepted (characters)
 * @param maxWaitingPerChat     requests one chat may have waiting behind the running one; more is a flood
 * @param activityRefresh       how often a running request repeats its "typing…" hint (Telegram shows one for 5 s)
 */
public record EngineSettings(int maxConcurrentRequests, int workerThreads, Duration editInterval,
                             int maxFilesPerRequest, int maxTextLength, int maxWaitingPerChat,
                             Duration activityRefresh) {

    public static final int DEFAULT_MAX_WAITING_PER_CHAT = 10;
    public static final Duration DEFAULT_ACTIVITY_REFRESH = Duration.ofSeconds(4);

    public EngineSettings {
        if (maxConcurrentRequests < 1 || workerThreads < 1 || maxFilesPerRequest < 1 || maxTextLength < 1
                || maxWaitingPerChat < 1) {
            throw new IllegalArgumentException("engine limits must be positive");
        }
        if (editInterval.isNegative()) {
            throw new IllegalArgumentException("editInterval must not be negative");
        }
        if (activityRefresh == null || activityRefresh.toMillis() < 1) {
            throw new IllegalArgumentException("activityRefresh must be at least a millisecond");
        }
    }

    public EngineSettings(int maxConcurrentRequests, int workerThreads, Duration editInterval, int maxFilesPerRequest,
                          int maxTextLength, int maxWaitingPerChat) {
        this(maxConcurrentRequests, workerThreads, editInterval, maxFilesPerRequest, maxTextLength, maxWaitingPerChat,
                DEFAULT_ACTIVITY_REFRESH);
    }

    public EngineSettings(int maxConcurrentRequests, int workerThreads, Duration editInterval, int maxFilesPerRequest,
                          int maxTextLength) {
        this(maxConcurrentRequests, workerThreads, editInterval, maxFilesPerRequest, maxTextLength,
                DEFAULT_MAX_WAITING_PER_CHAT);
    }

    public static EngineSettings defaults() {
        return new EngineSettings(2000, 32, Duration.ofSeconds(3), 10, 4000, DEFAULT_MAX_WAITING_PER_CHAT,
                DEFAULT_ACTIVITY_REFRESH);
    }

    public EngineSettings withEditInterval(Duration interval) {
        return new EngineSettings(maxConcurrentRequests, workerThreads, interval, maxFilesPerRequest, maxTextLength,
                maxWaitingPerChat, activityRefresh);
    }

    public EngineSettings withMaxConcurrentRequests(int max) {
        return new EngineSettings(max, workerThreads, editInterval, maxFilesPerRequest, maxTextLength, maxWaitingPerChat,
                activityRefresh);
    }

    public EngineSettings withActivityRefresh(Duration refresh) {
        return new EngineSettings(maxConcurrentRequests, workerThreads, editInterval, maxFilesPerRequest, maxTextLength,
                maxWaitingPerChat, refresh);
    }
}
