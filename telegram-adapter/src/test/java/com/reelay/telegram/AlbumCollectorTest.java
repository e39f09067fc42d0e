package com.reelay.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.core.chat.Attachment;
import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.ChatUser;
import com.reelay.core.testing.ManualScheduler;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Albums gathered under hand-moved time. */
class AlbumCollectorTest {

    private final ManualScheduler time = new ManualScheduler();
    private final List<AlbumCollector.Album> albums = new ArrayList<>();
    private final AlbumCollector collector = new AlbumCollector(Duration.ofSeconds(1), time, albums::add);
    private final ChatRef chat = new ChatRef("telegram", "42");
    private final ChatUser ann = new ChatUser("42", "Ann", "en");

    private Incoming.AlbumItem item(String group, int messageId, String caption) {
        Attachment file = new Attachment.Upload("photo_" + messageId + ".jpg", 100, "image/jpeg",
                () -> new ByteArrayInputStream(new byte[0]));
        return new Incoming.AlbumItem(chat.id() + "/" + group, chat, ann, messageId, Optional.of(file), caption,
                Optional.empty(), true);
    }

    private static List<String> names(AlbumCollector.Album album) {
        return album.files().stream().map(Attachment::name).toList();
    }

    @Test
    void itemsArrivingCloseTogetherBecomeOneAlbumInTheOrderTheyWereSent() {
        collector.add(item("g", 12, ""));
        time.advance(Duration.ofMillis(400));
        collector.add(item("g", 11, "a slideshow of our trip"));
        time.advance(Duration.ofMillis(400));
        collector.add(item("g", 13, ""));
        time.advance(Duration.ofMillis(999));
        assertTrue(albums.isEmpty(), "each item restarts the wait");
        time.advance(Duration.ofMillis(1));

        assertEquals(1, albums.size());
        AlbumCollector.Album album = albums.get(0);
        assertEquals(List.of("photo_11.jpg", "photo_12.jpg", "photo_13.jpg"), names(album));
        assertEquals("a slideshow of our trip", album.caption());
        assertEquals("tg-42-11", album.requestId());
        assertEquals(0, collector.open());
    }

    @Test
    void differentAlbumsStayApart() {
        collector.add(item("a", 1, "first"));
        collector.add(item("b", 5, "second"));
        time.advance(Duration.ofSeconds(1));
        assertEquals(2, albums.size());
        assertEquals(List.of("first", "second"), albums.stream().map(AlbumCollector.Album::caption).sorted().toList());
    }

    @Test
    void anotherMessageFromTheChatCompletesTheAlbumFirst() {
        collector.add(item("g", 1, "these"));
        collector.add(item("g", 2, ""));
        collector.flush(chat);
        assertEquals(1, albums.size());
        assertEquals(2, albums.get(0).files().size());
        time.advance(Duration.ofSeconds(2));
        assertEquals(1, albums.size(), "the album's timer no longer fires");
    }

    @Test
    void refusedItemsAreReportedAndTheRestStillGoes() {
        collector.add(item("g", 1, "use these"));
        collector.add(new Incoming.AlbumItem("42/g", chat, ann, 2, Optional.empty(), "", Optional.of(book -> "too big"), false));
        time.advance(Duration.ofSeconds(1));
        AlbumCollector.Album album = albums.get(0);
        assertEquals(List.of("photo_1.jpg"), names(album));
        assertEquals(List.of("too big"), album.refusals().stream().map(w -> w.in(com.reelay.core.chat.Phrasebook.english())).toList());
        assertTrue(album.addressed(), "one item addressed the bot");
    }

    @Test
    void closingDropsWhatIsStillBeingGathered() {
        collector.add(item("g", 1, ""));
        collector.close();
        time.advance(Duration.ofSeconds(2));
        assertTrue(albums.isEmpty());
    }
}
