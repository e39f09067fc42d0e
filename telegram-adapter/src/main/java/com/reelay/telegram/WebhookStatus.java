package com.reelay.telegram;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.updates.GetWebhookInfo;
import org.telegram.telegrambots.meta.api.objects.WebhookInfo;

/**
 * Telegram's own view of the webhook, asked now and then (getWebhookInfo): a quiet bot gets no
 * calls, so without this readiness would fail whenever nobody writes, and a load balancer that
 * gates on it would then cut Telegram off for good. The answer counts as contact when the webhook
 * is still ours and Telegram reports no delivery error since the last look.
 */
final class WebhookStatus {

    static final Duration CHECK_EVERY = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(WebhookStatus.class);

    private final BotApi api;
    private final String url;
    private final Runnable heard;
    private Integer lastErrorSeen;
    private boolean looked;

    WebhookStatus(BotApi api, String url, Runnable heard) {
        this.api = api;
        this.url = url;
        this.heard = heard;
    }

    /** Asks Telegram once; {@code then} runs when the answer (or failure) is in. */
    void check(Runnable then) {
        api.call(GetWebhookInfo.builder().build()).whenComplete((info, error) -> {
            try {
                if (error != null) {
                    log.debug("getWebhookInfo failed: {}", error.getClass().getSimpleName());
                } else {
                    read(info);
                }
            } finally {
                then.run();
            }
        });
    }

    private synchronized void read(WebhookInfo info) {
        Integer errorAt = info.getLastErrorDate();
        boolean newError = errorAt != null && (!looked || !errorAt.equals(lastErrorSeen));
        looked = true;
        lastErrorSeen = errorAt;
        if (!url.equals(info.getUrl())) {
            log.warn("telegram webhook is set to another URL: updates no longer come here");
        } else if (newError) {
            log.warn("telegram reports it could not deliver to the webhook: {}", info.getLastErrorMessage());
        } else {
            heard.run();
        }
    }
}
