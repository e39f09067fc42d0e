package com.reelay.core.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.ChatUser;
import com.reelay.core.chat.Inbound;
import com.reelay.core.nemo.NemoSettings;
import com.reelay.core.nemo.OkHttpNemoClient;
import com.reelay.core.store.CachingStore;
import com.reelay.core.store.ReelayStore;
import com.reelay.core.store.SqliteStore;
import com.reelay.core.testing.RecordingChatOutput;
import com.reelay.simulator.Endpoint;
import com.reelay.simulator.NemoSimulator;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When NemoVideo will not mint another anonymous identity, the person hears the real cause. */
class IdentityRefusedTest {

    @TempDir
    Path dir;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private NemoSimulator sim;
    private ReelayStore store;
    private OkHttpNemoClient client;
    private ConversationEngine engine;
    private final RecordingChatOutput out = RecordingChatOutput.telegramLike();

    @AfterEach
    void stop() {
        engine.close(Duration.ofMillis(100));
        client.close();
        store.close();
        sim.close();
        Metrics.removeRegistry(meters);
    }

    @Test
    void aRefusedIdentityIsExplainedCountedAndNotRetried() throws Exception {
        Metrics.addRegistry(meters);
        sim = NemoSimulator.builder().noTextProbability(0).textReplyDuration(Duration.ofMillis(20))
                .anonymousTokensPerIp(1, Duration.ofDays(7)).start();
        store = new CachingStore(SqliteStore.open(dir), 100);
        client = new OkHttpNemoClient(NemoSettings.defaults(sim.baseUrl())
                .withFastTimings(Duration.ofSeconds(5), Duration.ofSeconds(30)));
        engine = new ConversationEngine(client, store, EngineSettings.defaults().withEditInterval(Duration.ofMillis(5)),
                Optional.empty(), Clock.systemUTC());
        engine.register("test", out);

        ChatRef first = new ChatRef("test", "1");
        engine.accept(new Inbound(first, new ChatUser("u1", "Ann", "en"), "r1", new Inbound.Text("add calm music")));
        out.awaitMessage(first, t -> t.contains("music") && !t.startsWith("🎵"), Duration.ofSeconds(10));

        ChatRef second = new ChatRef("test", "2");
        engine.accept(new Inbound(second, new ChatUser("u2", "Bob", "en"), "r2", new Inbound.Text("add calm music")));
        String said = out.awaitMessage(second, t -> t.contains("free NemoVideo account"), Duration.ofSeconds(10)).text();
        assertTrue(said.contains("It may work again in about"), said);
        assertTrue(said.contains("operator"), said);
        assertEquals(2, sim.requestCount(Endpoint.ANONYMOUS_TOKEN), "the refusal is not retried");
        assertEquals(1.0, meters.counter("reelay.nemo.identity.refused").count());
    }
}
