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

    private static final String TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ";

    @TempDir
    Path dir;

    /** Just enough of the Bot API for a bot to start and poll: who am I, commands, no updates. */
    private static final class QuietTelegram extends Dispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String path = request.getUrl().encodedPath();
            String method = path.substring(path.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
            String result;
            switch (method) {
                case "getme":
                    result = "{\"id\":123456789,\"is_bot\":true,\"first_name\":\"Reelay\",\"username\":\"reelay_bot\"}";
                    break;
                case "getupdates":
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
        try (MockWebServer telegram = new MockWebServer()) {
            telegram.setDispatcher(new QuietTelegram());
            telegram.start();
            String base = telegram.url("/").toString();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Launcher launcher = new Launcher(Map.of("REELAY_DATA_DIR", dir.toString(), "REELAY_HTTP_PORT", "0",
                    "TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_API_BASE", base.substring(0, base.length() - 1)),
                    new java.io.ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            // Port 0 turns the management port off: readiness is checked through a second run below.
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> launcher.run(new String[] {"--offline"}));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!out.toString(StandardCharsets.UTF_8).contains("Reelay is running") && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(20); // another thread's start-up: nothing to latch on
            }
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("Reelay is running"), out + " / " + err);
            launcher.stop();
            assertEquals(Launcher.OK, run.get(30, TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8));
            boolean polled = false;
            boolean menu = false;
            for (int i = telegram.getRequestCount(); i > 0; i--) {
                RecordedRequest r = telegram.takeRequest(1, TimeUnit.SECONDS);
                String path = r.getUrl().encodedPath();
                polled |= path.toLowerCase(java.util.Locale.ROOT).endsWith("/getupdates");
                menu |= path.toLowerCase(java.util.Locale.ROOT).endsWith("/setmycommands");
            }
            assertTrue(polled && menu, "the bot registered its commands and polled for updates");
        }
    }
}
