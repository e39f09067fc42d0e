package com.reelay.core.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.ChatUser;
import com.reelay.core.chat.Inbound;
import com.reelay.core.guard.GuardSettings;
import com.reelay.core.nemo.NemoSettings;
import com.reelay.core.nemo.OkHttpNemoClient;
import com.reelay.core.store.CachingStore;
import com.reelay.core.store.ReelayStore;
import com.reelay.core.store.SqliteStore;
import com.reelay.core.testing.RecordingChatOutput;
import com.reelay.simulator.Endpoint;
import com.reelay.simulator.NemoSimulator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How far NemoVideo's few anonymous identities stretch: per chat, per person, or one for the bot. */
class IdentityScopeTest {

    @TempDir
    Path dir;

    private NemoSimulator sim;
    private ReelayStore store;
    private OkHttpNemoClient client;
    private ConversationEngine engine;
    private final RecordingChatOutput out = RecordingChatOutput.telegramLike();
    private final ChatUser ann = new ChatUser("u1", "Ann", "en");
    private final ChatUser bob = new ChatUser("u2", "Bob", "en");
    private int requests;

    private void start(IdentityScope scope) {
        sim = NemoSimulator.builder().noTextProbability(0).textReplyDuration(Duration.ofMillis(20))
                .editDuration(Duration.ofMillis(30)).heartbeatInterval(Duration.ofMillis(10)).start();
        store = new CachingStore(SqliteStore.open(dir), 100);
        client = new OkHttpNemoClient(NemoSettings.defaults(sim.baseUrl())
                .withFastTimings(Duration.ofSeconds(5), Duration.ofSeconds(30)));
        engine = new ConversationEngine(client, store, EngineSettings.defaults().withEditInterval(Duration.ofMillis(5)),
                GuardSettings.open(), Optional.empty(), scope, Clock.systemUTC(), new SimpleMeterRegistry());
        engine.register("test", out);
    }

    @AfterEach
    void stop() {
        engine.close(Duration.ofMillis(100));
        client.close();
        store.close();
        sim.close();
    }

    /** Makes something in {@code chat} as {@code who} and waits for the reply. */
    private void make(String chat, ChatUser who) throws InterruptedException {
        ChatRef ref = new ChatRef("test", chat);
        int before = out.messages(ref).size();
        engine.accept(new Inbound(ref, who, "r" + ++requests, new Inbound.Text("add calm music")));
        out.awaitMessage(ref, t -> t.contains("music") && !t.startsWith("🎵") && out.messages(ref).size() > before,
                Duration.ofSeconds(10));
    }

    @Test
    void chatScopeGivesEachChatItsOwn() throws Exception {
        start(IdentityScope.CHAT);
        make("1", ann);
        make("2", ann);
        assertEquals(2, sim.requestCount(Endpoint.ANONYMOUS_TOKEN));
    }

    @Test
    void userScopeLetsAPersonTakeTheirIdentityAlong() throws Exception {
        start(IdentityScope.USER);
        make("1", ann);
        make("2", ann); // Ann's identity comes along
        make("3", bob);
        assertEquals(2, sim.requestCount(Endpoint.ANONYMOUS_TOKEN), "one for Ann, one for Bob");
        assertEquals(store.identity("test:1").orElseThrow().userId(), store.identity("test:2").orElseThrow().userId());
    }

    @Test
    void sharedScopeSpendsOneIdentityForTheWholeBot() throws Exception {
        start(IdentityScope.SHARED);
        make("1", ann);
        make("2", bob);
        assertEquals(1, sim.requestCount(Endpoint.ANONYMOUS_TOKEN));
    }
}
