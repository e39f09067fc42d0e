package com.reelay.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.telegram.FakeTelegram.ApiCall;
import com.reelay.telegram.FakeTelegram.Person;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 100 people write at once to a bot held to Telegram's real limits by a fake that enforces them
 * as strict trailing windows of arrivals: everyone gets the answer, and Telegram never says 429.
 */
class TelegramBurstTest {

    private static final int PEOPLE = 100;

    @Test
    void aHundredChatsAtOnceAreAllAnsweredWithoutFloodControl(@TempDir Path dir) throws Exception {
        // Every chat makes its own anonymous NemoVideo identity here: the simulator lets them all.
        Map<String, String> telegramsLimits = Map.of("TELEGRAM_OUTBOX_PER_CHAT_MESSAGES", "1",
                "TELEGRAM_OUTBOX_PER_GROUP_MESSAGES", "20", "TELEGRAM_OUTBOX_GLOBAL_MESSAGES", "30");
        try (RunningBot bot = RunningBot.start(dir, telegramsLimits, c -> c,
                nemo -> nemo.anonymousTokensPerIp(PEOPLE, Duration.ofMinutes(1)))) {
            FakeTelegram telegram = bot.telegram;
            telegram.enforceFloodControl();
            for (int n = 0; n < PEOPLE; n++) {
                telegram.openChat(1_000 + n, "private");
            }
            for (int n = 0; n < PEOPLE; n++) {
                telegram.sendText(1_000 + n, new Person(1_000 + n, "P" + n, "en"), "make a video of a lighthouse, take " + n);
            }
            for (int n = 0; n < PEOPLE; n++) {
                telegram.awaitBotMessage(1_000 + n, m -> m.buttonLabels().contains("Export"));
            }
            assertEquals(List.of(), telegram.violations(), "calls that broke Telegram's limits");
            List<ApiCall> messages = telegram.calls().stream()
                    .filter(c -> c.method().equals("sendMessage") || c.method().equals("editMessageText")).toList();
            assertTrue(messages.stream().allMatch(ApiCall::ok), "every call accepted");
            assertEquals(PEOPLE, messages.stream().filter(c -> c.method().equals("sendMessage")).count(),
                    "one message per chat, edited from acknowledgement to answer");
        }
    }
}
