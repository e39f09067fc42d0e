package com.reelay.core.testing;

import com.reelay.core.nemo.NemoSettings;
import com.reelay.core.nemo.OkHttpNemoClient;
import com.reelay.simulator.NemoSimulator;
import java.time.Duration;

/**
 * NemoVideo for tests that run the whole bot: the simulator, playing a turn in tens of
 * milliseconds and never answering without text, and a real client pointed at it. Published
 * in bot-core's test-jar for the adapters' end-to-end rigs. Closes both.
 */
public final class SimulatedNemo implements AutoCloseable {

    private final NemoSimulator simulator;
    private final OkHttpNemoClient client;

    private SimulatedNemo(NemoSimulator simulator) {
        this.simulator = simulator;
        this.client = new OkHttpNemoClient(settings(simulator.baseUrl()));
    }

    /** Starts the simulator {@code simulator} describes (e.g. {@link #quick()}) and its client. */
    public static SimulatedNemo start(NemoSimulator.Builder simulator) {
        return new SimulatedNemo(simulator.start());
    }

    /** Quick turns and renders, a heartbeat every 10 ms, and always a text reply. */
    public static NemoSimulator.Builder quick() {
        return NemoSimulator.builder().noTextProbability(0)
                .textReplyDuration(Duration.ofMillis(20)).editDuration(Duration.ofMillis(30))
                .generationDuration(Duration.ofMillis(80)).heartbeatInterval(Duration.ofMillis(10))
                .renderDurations(Duration.ofMillis(20), Duration.ofMillis(80));
    }

    /**
     * The client's settings for a simulator at {@code baseUrl}: waits in milliseconds, stream
     * limits generous enough that a busy machine never trips them.
     */
    public static NemoSettings settings(String baseUrl) {
        return NemoSettings.defaults(baseUrl).withFastTimings(Duration.ofSeconds(10), Duration.ofSeconds(60));
    }

    public NemoSimulator simulator() {
        return simulator;
    }

    public OkHttpNemoClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        simulator.close();
    }
}
