package com.reelay.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With a platform token Reelay runs as a service: the platform connects, readiness says so, stop ends it. */
class ServiceModeTest {

    private static final String TOKEN = "123456789:" + "AA" + "x".repeat(33) ; // made up, in the shape of a real token

    @TempDir
    Path dir;

    /** Just enough of the Bot API for a bot to start and poll: who am I, commands, no updates. */
    private static final class QuietTelegram extends Dispatcher {
        final java.util.concurrent.CountDownLatch polled = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.CountDownLatch menu = new java.util.concurrent.CountDownLatch(1);

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String path = request.getUrl().encodedPath();
            String method = path.substring(path.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
            if (method.equals("setmycommands")) {
                menu.countDown();
            }
            String result;
            switch (method) {
                case "getme":
                    result = "{\"id\":123456789,\"is_bot\":true,\"first_name\":\"Reelay\",\"username\":\"reelay_bot\"}";
                    break;
                case "getupdates":
                    polled.countDown();
                    return new MockResponse.Builder().body("{\"ok\":true,\"result\":[]}")
                            .addHeader("Content-Type", "application/json")
                            .bodyDelay(200, TimeUnit.MILLISECONDS).build(); // a long poll that times out
                default:
                    result = "true";
            }
            return new MockResponse.Builder().body("{\"ok\":true,\"result\":" + result + "}")
                    .addHeader("Content-Type", "application/json").build();
        }
    }

    @Test
    void telegramConnectsReadinessSaysSoAndStopEndsTheRun() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        QuietTelegram fake = new QuietTelegram();
        try (MockWebServer telegram = new MockWebServer()) {
            telegram.setDispatcher(fake);
            telegram.start();
            String base = telegram.url("/").toString();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Launcher launcher = new Launcher(Map.of("REELAY_DATA_DIR", dir.toString(), "REELAY_HTTP_PORT", Integer.toString(port),
                    "TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_API_BASE", base.substring(0, base.length() - 1)),
                    new java.io.ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> launcher.run(new String[] {"--offline"}));
            assertTrue(fake.menu.await(20, TimeUnit.SECONDS), "the command menu was registered: " + err);
            assertTrue(fake.polled.await(20, TimeUnit.SECONDS), "the bot polls for updates: " + err);
            HttpResponse<String> ready = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (ready == null) {
                try {
                    ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/readyz")).timeout(Duration.ofSeconds(5)).build(),
                            HttpResponse.BodyHandlers.ofString());
                } catch (java.net.ConnectException notYet) {
                    // The management port opens right after the platforms; another thread is getting there.
                    assertTrue(System.nanoTime() < deadline, "the management port never opened: " + err);
                    TimeUnit.MILLISECONDS.sleep(20);
                }
            }
            assertEquals(200, ready.statusCode(), ready.body());
            assertEquals("store ok\ntelegram ok\n", ready.body());
            launcher.stop();
            assertEquals(Launcher.OK, run.get(30, TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8));
        }
    }
}
