package com.reelay.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console chat end to end with --offline: prompt → progress → reply → export → link. */
class ConsoleOfflineTest {

    @TempDir
    Path dir;

    /** Everything printed, with a way to wait for text to appear. */
    static final class Screen extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
            notifyAll();
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            notifyAll();
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        synchronized void awaitText(String expected) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!text().contains(expected)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("never printed \"" + expected + "\"; screen:\n" + text());
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    @Test
    void promptProgressReplyExportLink() throws Exception {
        Screen screen = new Screen();
        PipedOutputStream keyboard = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(keyboard);
        PrintStream out = new PrintStream(screen, true, StandardCharsets.UTF_8);
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
        Launcher launcher = new Launcher(Map.of("REELAY_DATA_DIR", dir.toString(), "REELAY_HTTP_PORT", "0"), stdin, out, err)
                .ansi(false)
                .tuneSimulator(b -> b.textReplyDuration(Duration.ofMillis(50)).generationDuration(Duration.ofMillis(300))
                        .heartbeatInterval(Duration.ofMillis(50)).renderDurations(Duration.ofMillis(100), Duration.ofMillis(400))
                        .noTextProbability(0))
                .tuneNemo(s -> s.withFastTimings(Duration.ofSeconds(5), Duration.ofSeconds(30)));
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> launcher.run(new String[] {"--offline"}));

        screen.awaitText("Reelay console.");
        type(keyboard, "make a 10-second video of a city timelapse at night");
        screen.awaitText("⏳ Connecting…");
        screen.awaitText("[#1 Export]  [#2 Status]");
        type(keyboard, "#1");
        screen.awaitText("🎬 Rendering your video…");
        screen.awaitText("🎉 Your video is ready: http://127.0.0.1:");
        type(keyboard, "/quit");
        assertEquals(Launcher.OK, run.get(20, TimeUnit.SECONDS));

        String text = screen.text();
        assertTrue(text.indexOf("⏳ Connecting…") < text.indexOf("🎉 Your video is ready"), text);
        assertFalse(text.contains("Exception"), text);
        assertEquals("", errBytes.toString(StandardCharsets.UTF_8));
        assertTrue(Files.exists(dir.resolve("offline").resolve("reelay.db")), "offline state kept apart");
    }

    @Test
    void theOfflineDemoMakesTheVideoItIsAskedForWithItsMusic() throws Exception {
        Console console = new Console();
        console.type("make a 15 second video of waves on a beach at sunrise with calm piano music");
        console.screen.awaitText("💳 150 credits used"); // generation and music, one receipt
        console.type("status");
        console.screen.awaitText("Timeline (2 tracks):\n1. Video: waves on a beach at sunrise (0-15s)\n"
                + "2. BGM: Piano (0-15s, 35%)");
        console.quit();
    }

    @Test
    void theConsoleSpeaksChineseOnceChosenAndListsItsProjects() throws Exception {
        Console console = new Console();
        console.type("/language zh");
        console.screen.awaitText("好的，我在这里将使用中文。");
        console.type("做一个10秒的海边日出视频，配上钢琴音乐");
        console.screen.awaitText("⏳ 正在连接…");
        console.screen.awaitText("[#1 导出]  [#2 状态]  [#3 ↕️ 竖屏 9:16]");
        console.type("/projects");
        console.screen.awaitText("这个聊天的项目（最新的在前）：\n1. 做一个10秒的海边日出视频，配上钢琴音乐（当前）");
        console.type("#1"); // Export, under the draft
        console.screen.awaitText("🎉 你的视频好了：http://127.0.0.1:");
        console.quit();
    }

    /** The offline console, typed into line by line. */
    private final class Console {
        final Screen screen = new Screen();
        private final PipedOutputStream keyboard = new PipedOutputStream();
        private final CompletableFuture<Integer> run;

        Console() throws IOException, InterruptedException {
            PipedInputStream stdin = new PipedInputStream(keyboard);
            Launcher launcher = new Launcher(Map.of("REELAY_DATA_DIR", dir.toString(), "REELAY_HTTP_PORT", "0"), stdin,
                    new PrintStream(screen, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()))
                    .ansi(false)
                    .tuneSimulator(b -> b.textReplyDuration(Duration.ofMillis(50)).generationDuration(Duration.ofMillis(300))
                            .editDuration(Duration.ofMillis(100)).heartbeatInterval(Duration.ofMillis(50))
                            .renderDurations(Duration.ofMillis(100), Duration.ofMillis(400)).noTextProbability(0))
                    .tuneNemo(s -> s.withFastTimings(Duration.ofSeconds(5), Duration.ofSeconds(30)));
            run = CompletableFuture.supplyAsync(() -> launcher.run(new String[] {"--offline"}));
            screen.awaitText("Reelay console.");
        }

        void type(String line) throws IOException {
            ConsoleOfflineTest.type(keyboard, line);
        }

        void quit() throws Exception {
            type("/quit");
            assertEquals(Launcher.OK, run.get(20, TimeUnit.SECONDS));
        }
    }

    @Test
    void aPipedPromptIsAnsweredBeforeTheConsoleExits() {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        int status = new Launcher(Map.of("REELAY_DATA_DIR", dir.toString(), "REELAY_HTTP_PORT", "0"),
                new java.io.ByteArrayInputStream("make a video of a beach at sunset\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(screen, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()))
                .ansi(false)
                .tuneSimulator(b -> b.generationDuration(Duration.ofMillis(300)).heartbeatInterval(Duration.ofMillis(50)))
                .tuneNemo(s -> s.withFastTimings(Duration.ofSeconds(5), Duration.ofSeconds(30)))
                .run(new String[] {"--offline"});
        assertEquals(Launcher.OK, status);
        assertTrue(screen.toString(StandardCharsets.UTF_8).contains("[#1 Export]  [#2 Status]"),
                "end of input waits for the request in flight: " + screen);
    }

    @Test
    void anUnreachableServiceIsOneLineWithTheHint() {
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
        // Port 9 on loopback: nothing listens, the connection is refused at once.
        int status = new Launcher(Map.of("REELAY_DATA_DIR", dir.toString(), "REELAY_HTTP_PORT", "0", "NEMO_API_BASE", "http://127.0.0.1:9"),
                new java.io.ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()), err)
                .run(new String[0]);
        String message = errBytes.toString(StandardCharsets.UTF_8);
        assertEquals(Launcher.UNREACHABLE, status);
        assertEquals(1, message.strip().lines().count(), message);
        assertTrue(message.startsWith("Can't reach NemoVideo at http://127.0.0.1:9 ("), message);
        assertTrue(message.contains("--offline"), message);
    }

    @Test
    void anUnknownOptionIsABadConfiguration() {
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        int status = new Launcher(Map.of("REELAY_DATA_DIR", dir.toString(), "REELAY_HTTP_PORT", "0"), new java.io.ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(errBytes, true, StandardCharsets.UTF_8))
                .run(new String[] {"--frobnicate"});
        assertEquals(Launcher.BAD_CONFIGURATION, status);
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).startsWith("Unknown option: --frobnicate"));
    }

    private static void type(PipedOutputStream keyboard, String line) throws IOException {
        keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }
}
