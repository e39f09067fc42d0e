package com.reelay.core.nemo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the client owns it sizes and shuts down; what it was lent it leaves alone. */
class ClientLifecycleTest {

    private final MockWebServer server = new MockWebServer();

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anOwnDispatcherIsSizedForManyStreamsAndShutDownOnClose() throws Exception {
        NemoSettings settings = TestClients.fast(server);
        OkHttpNemoClient client = TestClients.client(settings, new RecordingSleeper());
        OkHttpClient http = client.okHttp();
        assertEquals(settings.maxConcurrentRequests(), http.dispatcher().getMaxRequests());
        assertEquals(settings.maxConcurrentRequests(), http.dispatcher().getMaxRequestsPerHost());
        server.enqueue(NemoResponses.ok("{\"available\":1}"));
        client.credits(TestClients.fixed());
        assertEquals(1, http.connectionPool().connectionCount());

        client.close();
        client.close();

        assertTrue(http.dispatcher().executorService().isShutdown());
        assertEquals(0, http.connectionPool().connectionCount());
    }

    @Test
    void aSharedClientsPoolAndDispatcherAreLeftRunning() throws Exception {
        ConnectionPool pool = new ConnectionPool(5, 1, TimeUnit.MINUTES);
        OkHttpClient shared = new OkHttpClient.Builder().connectionPool(pool).build();
        OkHttpNemoClient client = TestClients.client(TestClients.fast(server), shared, Clock.systemUTC(),
                new RecordingSleeper(), null);
        assertTrue(client.okHttp().connectionPool() == pool, "the shared pool is used");
        server.enqueue(NemoResponses.ok("{\"available\":1}"));
        client.credits(TestClients.fixed());

        client.close();

        assertFalse(shared.dispatcher().executorService().isShutdown());
        assertEquals(1, pool.connectionCount());
        assertTrue(shared.interceptors().isEmpty(), "the shared client itself is not changed");
    }

    @Test
    void aClosedClientCancelsNewChatsAtOnce() throws Exception {
        OkHttpNemoClient client = TestClients.client(TestClients.fast(server), new RecordingSleeper());
        client.close();
        ChatStream stream = client.chat(TestClients.fixed(), "1", "hi", event -> { });
        assertTrue(stream.reply().isCompletedExceptionally());
        assertEquals(0, server.getRequestCount());
    }
}
