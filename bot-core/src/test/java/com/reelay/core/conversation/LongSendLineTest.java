package com.reelay.core.conversation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.core.chat.Activity;
import com.reelay.core.chat.Capabilities;
import com.reelay.core.chat.ChatOutput;
import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.ChatUser;
import com.reelay.core.chat.FinishedVideo;
import com.reelay.core.chat.Inbound;
import com.reelay.core.chat.MessageRef;
import com.reelay.core.chat.Reply;
import com.reelay.core.chat.SendLine;
import com.reelay.core.nemo.NemoSettings;
import com.reelay.core.nemo.OkHttpNemoClient;
import com.reelay.core.store.CachingStore;
import com.reelay.core.store.ReelayStore;
import com.reelay.core.store.SqliteStore;
import com.reelay.core.testing.RecordingChatOutput;
import com.reelay.simulator.NemoSimulator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The platform's send line reaches the engine through its counting output, and the person hears it. */
class LongSendLineTest {

    @TempDir
    Path dir;

    private NemoSimulator sim;
    private ReelayStore store;
    private OkHttpNemoClient client;
    private ConversationEngine engine;

    @AfterEach
    void stop() {
        engine.close(Duration.ofMillis(100));
        client.close();
        store.close();
        sim.close();
    }

    @Test
    void aLongLineIsSaidInTheFirstAcknowledgement() throws Exception {
        RecordingChatOutput recorded = RecordingChatOutput.telegramLike();
        ChatOutput busy = new ChatOutput() {
            @Override
            public Capabilities capabilities() {
                return recorded.capabilities();
            }

            @Override
            public CompletableFuture<MessageRef> send(ChatRef chat, String requestId, Reply reply) {
                return recorded.send(chat, requestId, reply);
            }

            @Override
            public CompletableFuture<Void> edit(MessageRef message, Reply reply) {
                return recorded.edit(message, reply);
            }

            @Override
            public CompletableFuture<MessageRef> sendVideo(ChatRef chat, String requestId, FinishedVideo video) {
                return recorded.sendVideo(chat, requestId, video);
            }

            @Override
            public void showActivity(ChatRef chat, Activity activity) {
            }

            @Override
            public SendLine sendLine() {
                return new SendLine(120, Duration.ofSeconds(40));
            }
        };
        sim = NemoSimulator.builder().noTextProbability(0).textReplyDuration(Duration.ofMillis(20)).start();
        store = new CachingStore(SqliteStore.open(dir), 100);
        client = new OkHttpNemoClient(NemoSettings.defaults(sim.baseUrl())
                .withFastTimings(Duration.ofSeconds(5), Duration.ofSeconds(30)));
        engine = new ConversationEngine(client, store, EngineSettings.defaults().withEditInterval(Duration.ofMillis(5)),
                Optional.empty(), Clock.systemUTC());
        engine.register("test", busy);
        ChatRef chat = new ChatRef("test", "1");
        engine.accept(new Inbound(chat, new ChatUser("u1", "Ann", "en"), "r1", new Inbound.Text("add calm music")));
        RecordingChatOutput.Message first = recorded.awaitCount(chat, 1, Duration.ofSeconds(10)).get(0);
        String acknowledgement = first.versions.get(0).text();
        assertTrue(acknowledgement.contains("120 replies to other people go out first"), acknowledgement);
    }
}
