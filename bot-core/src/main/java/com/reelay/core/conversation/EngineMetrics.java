package com.reelay.core.conversation;

import com.reelay.core.chat.ChatOutput;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.TimeUnit;

/** The engine's meters, on the registry it was given (no process-wide state: tests run several engines). */
final class EngineMetrics {

    private final MeterRegistry registry;

    EngineMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Gauges read the lanes while the engine lives ({@code reelay_queue_waiting}, {@code reelay_requests_running}). */
    void watch(LaneScheduler lanes) {
        Gauge.builder("reelay.queue.waiting", lanes, LaneScheduler::waiting).strongReference(false).register(registry);
        Gauge.builder("reelay.requests.running", lanes, LaneScheduler::running).strongReference(false).register(registry);
    }

    void messageIn(String platform) {
        registry.counter("reelay.messages.in", "platform", platform).increment();
    }

    /** Reelay's own reaction time: from the event's arrival to the progress handed to the platform. */
    void firstProgress(String platform, long acceptedNanos) {
        registry.timer("reelay.first.progress", "platform", platform)
                .record(System.nanoTime() - acceptedNanos, TimeUnit.NANOSECONDS);
    }

    void stream(String outcome, long startedNanos) {
        registry.timer("reelay.nemo.stream", "outcome", outcome).record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }

    void renderWait(String state, java.time.Duration wait) {
        registry.timer("reelay.render.wait", "state", state).record(wait);
    }

    ChatOutput counting(String platform, ChatOutput output) {
        return new CountingOutput(platform, output, registry);
    }
}
