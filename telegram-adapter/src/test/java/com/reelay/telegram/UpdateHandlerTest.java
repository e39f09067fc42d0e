package com.reelay.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.reelay.core.chat.ChatEngine;
import com.reelay.core.chat.ChatOutput;
import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.support.SecretMask;
import com.reelay.core.chat.Inbound;
import com.reelay.core.chat.NotTaken;
import com.reelay.core.testing.ManualScheduler;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.Update;

/** What the handler owes the webhook: an update is taken, or the caller hears it was not. */
class UpdateHandlerTest {

    private static final String UPDATE = "{\"update_id\":9001,\"message\":{\"message_id\":10,\"date\":1700000000,"
            + "\"from\":{\"id\":42,\"is_bot\":false,\"first_name\":\"Ann\"},\"chat\":{\"id\":42,\"type\":\"private\"},"
            + "\"text\":\"make a video of the sea\"}}";

    /** The webhook answers 500 for it, and the repeat Telegram sends is not dropped as already seen. */
    @Test
    void anUpdateTheEngineCouldNotStoreIsHandedBackAndItsRepeatIsTaken() throws Exception {
        List<Inbound> taken = new ArrayList<>();
        boolean[] storeDown = {true};
        ChatEngine engine = new ChatEngine() {
            @Override
            public void register(String platform, ChatOutput output) {
            }

            @Override
            public void accept(Inbound event) {
                if (storeDown[0]) {
                    throw new NotTaken("cannot queue request", new java.sql.SQLException("disk I/O error"));
                }
                taken.add(event);
            }

            @Override
            public void answerUnusable(ChatRef chat, com.reelay.core.chat.ChatUser user, String requestId,
                                       com.reelay.core.chat.Wording text) {
            }
        };
        UpdateHandler handler = new UpdateHandler(new UpdateReader(new BotIdentity(777, "reelay_bot"), 20L * 1024 * 1024,
                fileId -> new ByteArrayInputStream(new byte[0])), engine, null, Duration.ofMillis(100),
                new ManualScheduler(), SecretMask.of(FakeTelegram.TOKEN));
        Update update = new ObjectMapper().readValue(UPDATE, Update.class);

        assertThrows(NotTaken.class, () -> handler.handle(update));
        storeDown[0] = false;
        handler.handle(new ObjectMapper().readValue(UPDATE, Update.class));

        assertEquals(1, taken.size(), "the repeat was taken");
        handler.handle(new ObjectMapper().readValue(UPDATE, Update.class));
        assertEquals(1, taken.size(), "a second repeat of a taken update is still dropped");
    }
}
