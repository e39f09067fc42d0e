package com.reelay.telegram;

import com.reelay.core.chat.ChatEngine;
import com.reelay.core.chat.Inbound;
import com.reelay.core.chat.NotTaken;
import com.reelay.core.chat.Wording;
import com.reelay.core.chat.send.Scheduler;
import com.reelay.core.chat.support.SecretMask;
import java.util.List;
import java.util.stream.Collectors;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Where every update goes, from long polling or the webhook: read it, answer a button press at
 * once, gather albums, tell people what the bot can't use, and hand the rest to the engine. An
 * update the engine could not store is handed back ({@link NotTaken}), so the webhook
 * answers 500 and Telegram sends it again.
 */
final class UpdateHandler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UpdateHandler.class);
    /** Telegram re-delivers an update whose webhook call failed; these ids were already handled. */
    private static final int REMEMBERED_UPDATES = 2048;

    private final UpdateReader reader;
    private final ChatEngine engine;
    private final BotApi api;
    private final AlbumCollector albums;
    private final SecretMask mask;
    private final LinkedHashSet<Integer> seen = new LinkedHashSet<>();

    UpdateHandler(UpdateReader reader, ChatEngine engine, BotApi api, Duration albumDebounce,
                  Scheduler scheduler, SecretMask mask) {
        this.reader = reader;
        this.engine = engine;
        this.api = api;
        this.albums = new AlbumCollector(albumDebounce, scheduler, this::album);
        this.mask = mask;
    }

    void handle(Update update) {
        if (update.getUpdateId() != null && !firstTime(update.getUpdateId())) {
            return;
        }
        try {
            Incoming incoming = reader.read(update);
            if (incoming instanceof Incoming.Event e) {
                albums.flush(e.inbound().chat());
                engine.accept(e.inbound());
            } else if (incoming instanceof Incoming.AlbumItem item) {
                albums.add(item);
            } else if (incoming instanceof Incoming.Refusal r) {
                albums.flush(r.chat());
                engine.answerUnusable(r.chat(), r.user(), r.requestId(), r.text());
            } else if (incoming instanceof Incoming.ButtonPress b) {
                answer(b);
                b.event().ifPresent(event -> {
                    albums.flush(event.chat());
                    engine.accept(event);
                });
            } else if (incoming instanceof Incoming.Ignored i) {
                log.debug("update {} ignored: {}", update.getUpdateId(), i.why());
            }
        } catch (NotTaken e) {
            // Not taken: the webhook answers 500 and Telegram sends it again, which must not count as a repeat.
            forget(update.getUpdateId());
            log.error("update {} not taken, the store failed: {}", update.getUpdateId(), e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            // One odd update must not stop the others.
            log.error("update {} not handled: {}", update.getUpdateId(), mask.describe(e));
        }
    }

    private void album(AlbumCollector.Album album) {
        if (!album.addressed()) {
            return;
        }
        if (!album.refusals().isEmpty()) {
            List<Wording> refusals = album.refusals();
            engine.answerUnusable(album.chat(), album.user(), album.requestId(),
                    book -> refusals.stream().map(w -> w.in(book)).collect(Collectors.joining("\n\n")));
        }
        if (!album.files().isEmpty()) {
            log.info("album complete chat={} request={} files={}", album.chat(), album.requestId(), album.files().size());
            engine.accept(new Inbound(album.chat(), album.user(), album.requestId(),
                    new Inbound.Files(album.files(), album.caption()), UpdateReader.oneToOne(Long.parseLong(album.chat().id()))));
        }
    }

    /** Stops the spinner on the button; Telegram expects an answer within seconds. */
    private void answer(Incoming.ButtonPress press) {
        AnswerCallbackQuery.AnswerCallbackQueryBuilder<?, ?> answer =
                AnswerCallbackQuery.builder().callbackQueryId(press.callbackQueryId());
        if (!press.notice().isEmpty()) {
            answer.text(press.notice());
        }
        api.call(answer.build()).whenComplete((ok, error) -> {
            if (error != null) {
                log.debug("button press not answered: {}", mask.describe(error));
            }
        });
    }

    private synchronized void forget(Integer updateId) {
        if (updateId != null) {
            seen.remove(updateId);
        }
    }

    private synchronized boolean firstTime(int updateId) {
        if (!seen.add(updateId)) {
            return false;
        }
        if (seen.size() > REMEMBERED_UPDATES) {
            Iterator<Integer> oldest = seen.iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    /** Drops albums still being gathered. */
    @Override
    public void close() {
        albums.close();
    }
}
