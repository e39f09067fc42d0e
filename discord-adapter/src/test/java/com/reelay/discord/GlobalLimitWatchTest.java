package com.reelay.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.Urgency;
import com.reelay.core.chat.send.SendBudget;
import com.reelay.core.testing.ManualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the budget learns from the requests JDA sends: its own calls, and a global 429. */
class GlobalLimitWatchTest {

    private final ManualScheduler time = new ManualScheduler();
    private final SendBudget budget = DiscordLimits.budget(Duration.ZERO, time);
    private final OkHttpClient jdaHttp = new OkHttpClient.Builder().addInterceptor(new GlobalLimitWatch(budget)).build();
    private final MockWebServer discord = new MockWebServer();
    private final List<String> sent = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        discord.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        discord.close();
    }

    private void request(String path) throws Exception {
        try (Response ignored = jdaHttp.newCall(new Request.Builder().url(discord.url(path)).build()).execute()) {
            // answered
        }
    }

    private void channelMessages(int count) {
        for (int n = 0; n < count; n++) {
            String id = Integer.toString(n);
            budget.send(DiscordLimits.channel(new ChatRef("discord", "1:" + (100 + n))), Urgency.ANSWER, "r", () -> {
                sent.add(id);
                return CompletableFuture.completedFuture("ok");
            });
        }
    }

    @Test
    void jdasOwnRequestsOnGlobalRoutesTakeTheirShareButTheBudgetsAndInteractionsDoNot() throws Exception {
        discord.enqueue(new MockResponse.Builder().body("[]").build());
        discord.enqueue(new MockResponse.Builder().body("{}").build());
        discord.enqueue(new MockResponse.Builder().body("{}").build());
        request("/api/v10/applications/1/commands");
        request("/api/v10/channels/5/messages");
        request("/api/v10/webhooks/1/token/messages/@original");
        channelMessages(50);
        assertEquals(49, sent.size(), "one of the second's 50 went to registering the commands");
    }

    @Test
    void aGlobal429HoldsTheBudgetForItsRetryAfter() throws Exception {
        discord.enqueue(new MockResponse.Builder().code(429).addHeader("X-RateLimit-Global", "true")
                .addHeader("Retry-After", "2").addHeader("Via", "1.1 google")
                .body("{\"message\":\"You are being rate limited.\",\"retry_after\":1.5,\"global\":true}").build());
        request("/api/v10/channels/5/messages");
        channelMessages(1);
        time.advance(Duration.ofMillis(1999));
        assertEquals(List.of(), sent);
        time.advance(Duration.ofMillis(1));
        assertEquals(List.of("0"), sent);
    }
}
