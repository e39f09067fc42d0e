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
        /** From now on getUpdates fails, as when Telegram is unreachable or the token was revoked. */
        volatile boolean failing;

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
                    if (failing) {
                        return new MockResponse.Builder().code(502).body("bad gateway").build();
                    }
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

    /** Reelay run as a service against {@code fake}, its management port on {@code port}. */
    private record Service(Launcher launcher, CompletableFuture<Integer> run, ByteArrayOutputStream err) {

        static Service start(MockWebServer telegram, int port, Map<String, String> moreEnv) {
            String base = telegram.url("/").toString();
            Map<String, String> env = new java.util.HashMap<>(Map.of("REELAY_DATA_DIR", moreEnv.get("REELAY_DATA_DIR"),
                    "REELAY_HTTP_PORT", Integer.toString(port),
                    "TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_API_BASE", base.substring(0, base.length() - 1)));
            env.putAll(moreEnv);
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Launcher launcher = new Launcher(env, new java.io.ByteArrayInputStream(new byte[0]),
                    new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Service(launcher, CompletableFuture.supplyAsync(() -> launcher.run(new String[] {"--offline"})), err);
        }

        void stop() throws Exception {
            launcher.stop();
            assertEquals(Launcher.OK, run.get(30, TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8));
        }
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    @Test
    void telegramConnectsReadinessSaysSoAndStopEndsTheRun() throws Exception {
        int port = freePort();
        QuietTelegram fake = new QuietTelegram();
        try (MockWebServer telegram = new MockWebServer()) {
            telegram.setDispatcher(fake);
            telegram.start();
            Service reelay = Service.start(telegram, port, Map.of("REELAY_DATA_DIR", dir.toString()));
            assertTrue(fake.menu.await(20, TimeUnit.SECONDS), "the command menu was registered: " + reelay.err());
            assertTrue(fake.polled.await(20, TimeUnit.SECONDS), "the bot polls for updates: " + reelay.err());
            // Ready once a poll has come back (the fake holds each for 200 ms).
            HttpResponse<String> ready = awaitReadiness(port, r -> r.statusCode() == 200, reelay.err());
            assertEquals(200, ready.statusCode(), ready.body());
            assertEquals("store ok\ntelegram ok\n", ready.body());
            reelay.stop();
        }
    }

    /** Telegram's check used to be hard-coded true: now it needs a successful poll within the window. */
    @Test
    void telegramIsNotReadyOnceItsPollsStopSucceeding() throws Exception {
        int port = freePort();
        QuietTelegram fake = new QuietTelegram();
        try (MockWebServer telegram = new MockWebServer()) {
            telegram.setDispatcher(fake);
            telegram.start();
            Service reelay = Service.start(telegram, port, Map.of("REELAY_DATA_DIR", dir.toString(), "REELAY_READY_WINDOW", "1s"));
            assertTrue(fake.polled.await(20, TimeUnit.SECONDS), "the bot polls for updates: " + reelay.err());
            fake.failing = true;

            HttpResponse<String> ready = awaitReadiness(port, r -> r.statusCode() == 503, reelay.err());

            assertEquals("store ok\ntelegram failing\n", ready.body());
            reelay.stop();
        }
    }

    /** Asks /readyz until {@code done} holds (the process runs on its own threads: nothing to latch on). */
    private static HttpResponse<String> awaitReadiness(int port, java.util.function.Predicate<HttpResponse<String>> done,
                                                       ByteArrayOutputStream err) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/readyz")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (done.test(last)) {
                    return last;
                }
            } catch (java.net.ConnectException notYet) {
                // The management port opens right after the platforms.
            } catch (java.net.http.HttpTimeoutException slow) {
                // A loaded machine: ask again until the deadline.
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new AssertionError("readiness never changed; last: " + (last == null ? "no answer" : last.body()) + "; " + err);
    }
}
