package com.reelay.telegram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.reelay.core.chat.support.SecretMask;
import com.reelay.core.chat.AttachmentUnavailable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening the files people send, against the fake Bot API. */
class TelegramFilesTest {

    private static final long MB = 1024 * 1024;

    @TempDir
    Path dir;

    private FakeTelegram telegram;
    private OkHttpBotApi api;

    @BeforeEach
    void start() throws Exception {
        telegram = new FakeTelegram();
        api = new OkHttpBotApi(telegram.settings(Map.of()), new OkHttpClient(), new ObjectMapper());
    }

    @AfterEach
    void stop() {
        api.close();
        telegram.close();
    }

    private TelegramFiles files(boolean localBotApi) {
        return new TelegramFiles(api, localBotApi, localBotApi ? 2000 * MB : 20 * MB, SecretMask.of(FakeTelegram.TOKEN));
    }

    @Test
    void streamsTheFileFromTheConfiguredServersFilePath() throws IOException {
        byte[] bytes = new byte[300_000];
        new java.util.Random(7).nextBytes(bytes);
        FakeTelegram.FakeFile file = telegram.file("videos/file_3.mp4", bytes);
        try (InputStream in = files(false).open(file.fileId())) {
            assertArrayEquals(bytes, in.readAllBytes());
        }
        assertEquals(List.of("videos/file_3.mp4"), telegram.downloads());
        assertEquals(file.fileId(), telegram.calls("getFile").get(0).params().path("file_id").asText());
    }

    @Test
    void aFileTheBotApiWontHandOverIsExplained() {
        FakeTelegram.FakeFile big = telegram.file("videos/big.mp4", null, 25 * MB);
        AttachmentUnavailable refused = assertThrows(AttachmentUnavailable.class, () -> files(false).open(big.fileId()));
        assertEquals("Telegram refused to hand over the file: it is over the 20 MB limit for bots. "
                + "A local Bot API server lifts that limit.", refused.reason());
        assertTrue(telegram.downloads().isEmpty());
    }

    @Test
    void aFileTelegramNoLongerHasIsExplained() {
        AttachmentUnavailable gone = assertThrows(AttachmentUnavailable.class, () -> files(false).open("file-that-expired"));
        assertEquals("Telegram wouldn't hand over the file (it may have expired). Please send it again.", gone.reason());
        assertTrue(!gone.getCause().getMessage().contains(FakeTelegram.TOKEN), "the cause is masked for the log");
    }

    @Test
    void aLocalBotApiServerMayAnswerWithAPathOnThisMachine() throws IOException {
        Path local = Files.write(dir.resolve("file_9.mp4"), new byte[] {4, 5, 6});
        FakeTelegram.FakeFile file = telegram.file(local.toString(), new byte[] {1});
        try (InputStream in = files(true).open(file.fileId())) {
            assertArrayEquals(new byte[] {4, 5, 6}, in.readAllBytes());
        }
        assertTrue(telegram.downloads().isEmpty(), "read from disk, not over HTTP");
    }
}
