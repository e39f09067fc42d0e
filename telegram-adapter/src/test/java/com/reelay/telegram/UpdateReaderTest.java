package com.reelay.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.reelay.core.chat.Action;
import com.reelay.core.chat.Attachment;
import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.ChatUser;
import com.reelay.core.chat.Inbound;
import com.reelay.core.chat.Phrasebook;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.Update;

/** Updates as Telegram sends them (JSON), read into the chat port's events. */
class UpdateReaderTest {

    private static final long MB = 1024 * 1024;
    private static final BotIdentity BOT = new BotIdentity(777, "reelay_bot");
    private static final String ANN = """
            "from": {"id": 42, "is_bot": false, "first_name": "Ann", "last_name": "Lee", "language_code": "zh-hans"}""";
    private static final String PRIVATE = """
            "chat": {"id": 42, "type": "private", "first_name": "Ann"}""";
    private static final String GROUP = """
            "chat": {"id": -1001234, "type": "supergroup", "title": "Makers"}""";

    private final List<String> opened = new ArrayList<>();
    private final UpdateReader cloud = new UpdateReader(BOT, 20 * MB, this::open);

    private InputStream open(String fileId) {
        opened.add(fileId);
        return new ByteArrayInputStream(new byte[] {1, 2, 3});
    }

    private static Update update(String json) {
        try {
            return new ObjectMapper().readValue(json, Update.class);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Update message(String chat, String fields) {
        return update("{\"update_id\": 9001, \"message\": {\"message_id\": 10, \"date\": 1700000000, " + ANN + ", "
                + chat + ", " + fields + "}}");
    }

    private Inbound event(Update u) {
        return assertInstanceOf(Incoming.Event.class, cloud.read(u)).inbound();
    }

    @Test
    void textFromAPrivateChatIsAPrompt() {
        Inbound in = event(message(PRIVATE, "\"text\": \"  make a video of a sunset  \""));
        assertEquals(new ChatRef("telegram", "42"), in.chat());
        assertEquals(new ChatUser("42", "Ann Lee", "zh-hans"), in.user());
        assertEquals("tg-42-10", in.requestId());
        assertEquals(new Inbound.Text("make a video of a sunset"), in.content());
        assertTrue(in.oneToOne(), "a private chat is the person's alone");
        assertFalse(event(message(GROUP, "\"text\": \"/credits\"")).oneToOne(), "a group is read by others");
    }

    @Test
    void commandsKeepTheirArgumentsAndMayNameTheBot() {
        assertEquals(new Inbound.Command("video", "a cat\nin space"),
                event(message(PRIVATE, "\"text\": \"/video@Reelay_Bot a cat\\nin space\"")).content());
        assertEquals(new Inbound.Command("export", ""), event(message(PRIVATE, "\"text\": \"/Export\"")).content());
    }

    @Test
    void commandsForAnotherBotAreNotOurs() {
        assertInstanceOf(Incoming.Ignored.class, cloud.read(message(GROUP, "\"text\": \"/status@other_bot\"")));
    }

    @Test
    void inGroupsOnlyCommandsMentionsAndRepliesToTheBotCount() {
        assertInstanceOf(Incoming.Ignored.class, cloud.read(message(GROUP, "\"text\": \"export the quarterly report\"")));
        assertEquals(new Inbound.Command("credits", ""), event(message(GROUP, "\"text\": \"/credits\"")).content());
        assertEquals(new Inbound.Text("make a video of our team"),
                event(message(GROUP, "\"text\": \"@reelay_bot make a video of our team\"")).content());
        assertEquals(new Inbound.Text("add music please"), event(message(GROUP, """
                "text": "add music please",
                "reply_to_message": {"message_id": 3, "date": 1700000000, "chat": {"id": -1001234, "type": "supergroup"},
                                     "from": {"id": 777, "is_bot": true, "first_name": "Reelay"}, "text": "Done."}""")).content());
        assertInstanceOf(Incoming.Ignored.class, cloud.read(message(GROUP, """
                "text": "nice one",
                "reply_to_message": {"message_id": 4, "date": 1700000000, "chat": {"id": -1001234, "type": "supergroup"},
                                     "from": {"id": 55, "is_bot": false, "first_name": "Bo"}, "text": "look"}""")));
        assertInstanceOf(Incoming.Ignored.class, cloud.read(message(GROUP, "\"text\": \"mail me at x@reelay_bot.com\"")),
                "an address is not a mention");
    }

    @Test
    void aPhotoIsItsLargestSizeWithTheCaptionAsThePrompt() throws IOException {
        Inbound in = event(message(PRIVATE, """
                "photo": [{"file_id": "small", "file_unique_id": "u1", "width": 90, "height": 60, "file_size": 1200},
                          {"file_id": "large", "file_unique_id": "u3", "width": 1280, "height": 853, "file_size": 180000},
                          {"file_id": "medium", "file_unique_id": "u2", "width": 320, "height": 213, "file_size": 15000}],
                "caption": "turn this into a postcard video"
                """));
        Inbound.Files files = assertInstanceOf(Inbound.Files.class, in.content());
        assertEquals("turn this into a postcard video", files.caption());
        Attachment.Upload photo = assertInstanceOf(Attachment.Upload.class, files.attachments().get(0));
        assertEquals("photo_u3.jpg", photo.name());
        assertEquals(180000, photo.size());
        assertEquals("image/jpeg", photo.mediaType());
        assertTrue(opened.isEmpty(), "nothing is fetched before the engine accepts the file");
        try (InputStream in2 = photo.opener().open()) {
            assertEquals(3, in2.readAllBytes().length);
        }
        assertEquals(List.of("large"), opened);
    }

    @Test
    void filesGetNamesThatSayWhatTheyAre() {
        assertEquals("video_v1.mp4", upload(message(PRIVATE, """
                "video": {"file_id": "v", "file_unique_id": "v1", "width": 1, "height": 1, "duration": 3, "mime_type": "video/mp4", "file_size": 1000}""")).name());
        assertEquals("holiday.MOV", upload(message(PRIVATE, """
                "video": {"file_id": "v", "file_unique_id": "v1", "width": 1, "height": 1, "duration": 3, "file_name": "holiday.MOV", "mime_type": "video/quicktime", "file_size": 1000}""")).name());
        assertEquals("dance.mp4", upload(message(PRIVATE, """
                "animation": {"file_id": "a", "file_unique_id": "a1", "width": 1, "height": 1, "duration": 3, "file_name": "dance.gif", "mime_type": "video/mp4", "file_size": 1000}""")).name());
        assertEquals("audio_s1.mp3", upload(message(PRIVATE, """
                "audio": {"file_id": "s", "file_unique_id": "s1", "duration": 3, "mime_type": "audio/mpeg", "file_size": 1000}""")).name());
        assertEquals("passwd", upload(message(PRIVATE, """
                "document": {"file_id": "d", "file_unique_id": "d1", "file_name": "../../etc/passwd", "file_size": 10}""")).name());
    }

    private Attachment.Upload upload(Update u) {
        Inbound.Files files = assertInstanceOf(Inbound.Files.class, event(u).content());
        return assertInstanceOf(Attachment.Upload.class, files.attachments().get(0));
    }

    @Test
    void aDocumentOfAnyTypeGoesToTheEngineWhichKnowsWhatNemoVideoTakes() {
        Attachment.Upload exe = upload(message(PRIVATE, """
                "document": {"file_id": "d", "file_unique_id": "d1", "file_name": "setup.exe", "mime_type": "application/x-msdownload", "file_size": 30000000}"""));
        assertEquals("setup.exe", exe.name());
        assertEquals(30000000, exe.size());
    }

    @Test
    void aFileOverTheBotApiDownloadLimitIsRefusedBeforeAnyDownload() {
        Update big = message(PRIVATE, """
                "video": {"file_id": "v", "file_unique_id": "v1", "width": 1, "height": 1, "duration": 90, "file_name": "talk.mp4", "mime_type": "video/mp4", "file_size": 26214400}""");
        Incoming.Refusal refusal = assertInstanceOf(Incoming.Refusal.class, cloud.read(big));
        assertTrue(english(refusal).contains("\"talk.mp4\" is 25 MB"), english(refusal));
        assertTrue(english(refusal).contains("up to 20 MB"), english(refusal));
        assertTrue(english(refusal).contains("local Telegram Bot API server"), english(refusal));

        UpdateReader local = new UpdateReader(BOT, 2000 * MB, this::open);
        Incoming.Event accepted = assertInstanceOf(Incoming.Event.class, local.read(big));
        assertInstanceOf(Inbound.Files.class, accepted.inbound().content());
        assertTrue(opened.isEmpty());
    }

    @Test
    void aFileOverNemoVideosLimitIsLeftToTheEngineToExplain() {
        Attachment.Upload huge = upload(message(PRIVATE, """
                "video": {"file_id": "v", "file_unique_id": "v1", "width": 1, "height": 1, "duration": 900, "file_name": "film.mp4", "mime_type": "video/mp4", "file_size": 314572800}"""));
        assertEquals(300 * MB, huge.size());
    }

    @Test
    void voiceNotesAndStickersGetAClearAnswer() {
        Incoming.Refusal voice = assertInstanceOf(Incoming.Refusal.class, cloud.read(message(PRIVATE, """
                "voice": {"file_id": "o", "file_unique_id": "o1", "duration": 2, "mime_type": "audio/ogg", "file_size": 5000}""")));
        assertTrue(english(voice).contains("voice messages"), english(voice));
        assertTrue(english(voice).contains("mp4"), "names what it does accept: " + english(voice));
        Incoming.Refusal sticker = assertInstanceOf(Incoming.Refusal.class, cloud.read(message(PRIVATE, """
                "sticker": {"file_id": "s", "file_unique_id": "s1", "type": "regular", "width": 512, "height": 512, "is_animated": false, "is_video": false}""")));
        assertTrue(english(sticker).startsWith("I can't use that kind of message"), english(sticker));
        assertInstanceOf(Incoming.Ignored.class, cloud.read(message(GROUP, """
                "sticker": {"file_id": "s", "file_unique_id": "s1", "type": "regular", "width": 512, "height": 512, "is_animated": false, "is_video": false}""")),
                "a sticker in a group is just chatter");
    }

    @Test
    void albumItemsAreCollectedNotSentOneByOne() {
        Incoming.AlbumItem item = assertInstanceOf(Incoming.AlbumItem.class, cloud.read(message(GROUP, """
                "media_group_id": "13570", "caption": "@reelay_bot a slideshow",
                "photo": [{"file_id": "p", "file_unique_id": "p1", "width": 800, "height": 600, "file_size": 50000}]""")));
        assertEquals("-1001234/13570", item.albumKey());
        assertEquals(10, item.messageId());
        assertEquals("a slideshow", item.caption());
        assertTrue(item.addressed());
        assertTrue(item.file().isPresent());

        Incoming.AlbumItem next = assertInstanceOf(Incoming.AlbumItem.class, cloud.read(message(GROUP, """
                "media_group_id": "13570",
                "photo": [{"file_id": "q", "file_unique_id": "q1", "width": 800, "height": 600, "file_size": 50000}]""")));
        assertFalse(next.addressed(), "only the captioned item mentions the bot; the album as a whole decides");
    }

    @Test
    void aButtonPressIsAnsweredAndBecomesAnAction() {
        Incoming.ButtonPress press = assertInstanceOf(Incoming.ButtonPress.class, cloud.read(update("""
                {"update_id": 9002, "callback_query": {"id": "4382", "chat_instance": "c1", "data": "export",
                  "from": {"id": 42, "is_bot": false, "first_name": "Ann", "language_code": "en"},
                  "message": {"message_id": 7, "date": 1700000000, "chat": {"id": 42, "type": "private"},
                              "from": {"id": 777, "is_bot": true, "first_name": "Reelay"}, "text": "Your video is ready"}}}""")));
        assertEquals("4382", press.callbackQueryId());
        assertEquals("", press.notice());
        Inbound in = press.event().orElseThrow();
        assertEquals(new Inbound.Button(Action.EXPORT), in.content());
        assertEquals("tg-42-q4382", in.requestId());
        assertEquals(new ChatRef("telegram", "42"), in.chat());
    }

    @Test
    void anOldOrForeignButtonIsAnsweredWithANotice() {
        Incoming.ButtonPress press = assertInstanceOf(Incoming.ButtonPress.class, cloud.read(update("""
                {"update_id": 9003, "callback_query": {"id": "4383", "chat_instance": "c1", "data": "render_v1",
                  "from": {"id": 42, "is_bot": false, "first_name": "Ann"},
                  "message": {"message_id": 7, "date": 1700000000, "chat": {"id": 42, "type": "private"}, "text": "old"}}}""")));
        assertTrue(press.event().isEmpty());
        assertEquals(Phrasebook.english().phrase("button.gone"), press.notice());
    }

    @Test
    void editsAndServiceMessagesAreIgnored() {
        assertInstanceOf(Incoming.Ignored.class, cloud.read(update("""
                {"update_id": 9004, "edited_message": {"message_id": 10, "date": 1700000000, "edit_date": 1700000100,
                  "chat": {"id": 42, "type": "private"}, "from": {"id": 42, "is_bot": false, "first_name": "Ann"},
                  "text": "make it blue"}}""")));
        assertInstanceOf(Incoming.Ignored.class, cloud.read(message(GROUP, """
                "new_chat_members": [{"id": 56, "is_bot": false, "first_name": "Cy"}]""")));
    }

    private static String english(Incoming.Refusal refusal) {
        return refusal.text().in(Phrasebook.english());
    }
}
