package com.reelay.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Everything the builder decided, with the time scale already applied to the durations. */
record Settings(
        int port,
        int backlog,
        int httpThreads,
        int schedulerThreads,
        long seed,
        Duration textReply,
        Duration edit,
        Duration generation,
        Duration heartbeat,
        Duration renderPending,
        Duration renderProcessing,
        double noTextProbability,
        SseShape sseShape,
        int anonymousTokensPerIp,
        Duration anonymousTokenWindow,
        Duration tokenLifetime,
        long anonymousCredits,
        Map<Intent, Long> costs,
        Clock clock,
        RenderOutputForm renderOutputForm,
        List<Envelope> renderStatusEnvelopes,
        long renderOutputBytes,
        long maxUploadBytes,
        int requestLogCapacity,
        Consumer<String> requestLine,
        long renderCost) {

    Settings {
        costs = Map.copyOf(costs);
        renderStatusEnvelopes = List.copyOf(renderStatusEnvelopes);
    }
}
