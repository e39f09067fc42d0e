package com.reelay.telegram;

import com.reelay.core.chat.Attachment;
import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.ChatUser;
import com.reelay.core.chat.send.Scheduler;
import java.time.Duration;
import com.reelay.core.chat.Wording;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Telegram delivers an album as separate updates sharing a {@code media_group_id}, with no end
 * marker. Items are gathered until none has arrived for the debounce time, then handed on as
 * one album: one upload, one request, one progress message.
 */
final class AlbumCollector implements AutoCloseable {

    /**
     * A complete album, items in the order they were sent.
     *
     * @param requestId the first item's request id
     * @param caption   the first caption given (Telegram puts it on one item)
     * @param refusals  why items were left out
     * @param addressed whether any item spoke to the bot (outside groups: always)
     */
    record Album(ChatRef chat, ChatUser user, String requestId, List<Attachment> files, String caption,
                 List<Wording> refusals, boolean addressed) {
    }

    private final Duration debounce;
    private final Scheduler scheduler;
    private final Consumer<Album> onAlbum;
    private final Map<String, Pending> pending = new HashMap<>();
    private boolean closed;

    AlbumCollector(Duration debounce, Scheduler scheduler, Consumer<Album> onAlbum) {
        this.debounce = debounce;
        this.scheduler = scheduler;
        this.onAlbum = onAlbum;
    }

    void add(Incoming.AlbumItem item) {
        synchronized (this) {
            if (closed) {
                return;
            }
            Pending album = pending.computeIfAbsent(item.albumKey(), key -> new Pending());
            album.items.add(item);
            if (album.timer != null) {
                album.timer.cancel();
            }
            album.timer = scheduler.schedule(debounce, () -> complete(item.albumKey()));
        }
    }

    /**
     * Hands on, now, every album still open in {@code chat}: something else arrived from that chat,
     * and the album must not fall behind it.
     */
    void flush(ChatRef chat) {
        List<String> keys;
        synchronized (this) {
            keys = pending.keySet().stream().filter(k -> k.startsWith(chat.id() + "/")).toList();
        }
        keys.forEach(this::complete);
    }

    private void complete(String key) {
        Pending album;
        synchronized (this) {
            album = pending.remove(key);
            if (album == null) {
                return;
            }
            if (album.timer != null) {
                album.timer.cancel();
            }
        }
        onAlbum.accept(album.assemble());
    }

    /** Albums still being gathered; for tests. */
    synchronized int open() {
        return pending.size();
    }

    /** Albums still being gathered are dropped: the bot is stopping. */
    @Override
    public synchronized void close() {
        closed = true;
        pending.values().forEach(p -> {
            if (p.timer != null) {
                p.timer.cancel();
            }
        });
        pending.clear();
    }

    private static final class Pending {
        final List<Incoming.AlbumItem> items = new ArrayList<>();
        Scheduler.Cancellable timer;

        Album assemble() {
            List<Incoming.AlbumItem> sorted = new ArrayList<>(items);
            sorted.sort(Comparator.comparingInt(Incoming.AlbumItem::messageId));
            Incoming.AlbumItem first = sorted.get(0);
            List<Attachment> files = new ArrayList<>();
            List<Wording> refusals = new ArrayList<>();
            String caption = "";
            boolean addressed = false;
            for (Incoming.AlbumItem i : sorted) {
                i.file().ifPresent(files::add);
                i.refusal().ifPresent(refusals::add);
                if (caption.isEmpty() && !i.caption().isBlank()) {
                    caption = i.caption();
                }
                addressed |= i.addressed();
            }
            String requestId = RequestIds.forMessage(Long.parseLong(first.chat().id()), first.messageId());
            return new Album(first.chat(), first.user(), requestId, files, caption, refusals, addressed);
        }
    }
}
