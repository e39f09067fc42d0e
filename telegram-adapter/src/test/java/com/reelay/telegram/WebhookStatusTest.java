package com.reelay.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.objects.WebhookInfo;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/** A quiet webhook bot stays ready while Telegram says the webhook is ours and delivers without errors. */
class WebhookStatusTest {

    private static final String URL = "https://bot.example.test/telegram/hook";

    private final Deque<WebhookInfo> answers = new ArrayDeque<>();
    private final AtomicInteger heard = new AtomicInteger();
    private final WebhookStatus status = new WebhookStatus(new BotApi() {
        @Override
        @SuppressWarnings("unchecked")
        public <T extends Serializable> CompletableFuture<T> call(BotApiMethod<T> method) {
            return CompletableFuture.completedFuture((T) answers.poll());
        }

        @Override
        public CompletableFuture<Boolean> setWebhook(SetWebhook method) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Message> sendVideo(VideoUpload upload) {
            throw new UnsupportedOperationException();
        }

        @Override
        public InputStream download(String filePath) {
            throw new UnsupportedOperationException();
        }
    }, URL, heard::incrementAndGet);

    private static WebhookInfo info(String url, Integer lastErrorDate) throws Exception {
        String error = lastErrorDate == null ? "" : ",\"last_error_date\":" + lastErrorDate + ",\"last_error_message\":\"Connection refused\"";
        return new ObjectMapper().readValue("{\"url\":\"" + url + "\",\"has_custom_certificate\":false,"
                + "\"pending_update_count\":0" + error + "}", WebhookInfo.class);
    }

    @Test
    void ourWebhookWithoutDeliveryErrorsCountsAsContact() throws Exception {
        answers.add(info(URL, null));
        status.check(() -> { });
        assertEquals(1, heard.get());
    }

    @Test
    void aNewDeliveryErrorDoesNotAndAnOldOneNoLongerMatters() throws Exception {
        answers.add(info(URL, 1_700_000_000));
        answers.add(info(URL, 1_700_000_000));
        answers.add(info(URL, 1_700_000_100));
        status.check(() -> { });
        assertEquals(0, heard.get(), "Telegram could not deliver");
        status.check(() -> { });
        assertEquals(1, heard.get(), "no error since the last look");
        status.check(() -> { });
        assertEquals(1, heard.get(), "a new error");
    }

    @Test
    void aWebhookSetToAnotherUrlIsNotOurs() throws Exception {
        answers.add(info("https://elsewhere.example.test/hook", null));
        status.check(() -> { });
        assertEquals(0, heard.get());
    }
}
