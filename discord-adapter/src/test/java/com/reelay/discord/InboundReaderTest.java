package com.reelay.discord;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.core.chat.Action;
import com.reelay.core.chat.Attachment;
import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.Inbound;
import com.reelay.discord.Payloads.Person;
import com.reelay.discord.Payloads.Place;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.utils.data.DataObject;
import okhttp3.OkHttpClient;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Interaction and message JSON, through JDA's own parsing, to the engine's {@link Inbound}. */
class InboundReaderTest {

    private static final long GUILD = 1_100_000_000_000_000_001L;
    private static final Place LAB = Place.guildChannel(GUILD, 1_100_000_000_000_000_002L);
    private static final Place DM = Place.dm(1_100_000_000_000_000_003L);
    private static final Person ANA = new Person(1_100_000_000_000_000_004L, "ana", "Ana");
    private static final Person BO = new Person(1_100_000_000_000_000_005L, "bo", null);

    private final OfflineJda jda = new OfflineJda();
    private final OkHttpClient http = new OkHttpClient();
    private final InboundReader reader = new InboundReader(SessionScope.CHANNEL, new AttachmentDownloads(() -> http));

    @AfterEach
    void close() {
        jda.close();
    }

    @Test
    void videoWithAPromptIsTheVideoCommandForTheChannel() {
        long id = Payloads.snowflake();
        Inbound in = reader.fromSlashCommand(jda.slashCommand(Payloads.slashCommand(id, "tok", LAB, ANA, "zh-CN", "video",
                List.of(Payloads.stringOption("prompt", "  a city timelapse at night ")), List.of())));

        assertEquals(new Inbound.Command("video", "a city timelapse at night"), in.content());
        assertEquals(new ChatRef("discord", Long.toUnsignedString(LAB.channelId())), in.chat());
        assertEquals("i" + Long.toUnsignedString(id), in.requestId());
        assertEquals(Long.toUnsignedString(ANA.id()), in.user().id());
        assertEquals("Ana", in.user().displayName());
        assertEquals("en-US", in.user().languageTag(), "a channel everyone shares speaks the server's language");
    }

    @Test
    void aDmOrAChannelOfOnesOwnSpeaksThePersonsLanguage() {
        Inbound dm = reader.fromSlashCommand(jda.slashCommand(Payloads.slashCommand(Payloads.snowflake(), "tok", DM, BO,
                "zh-CN", "status", List.of(), List.of())));
        assertEquals("zh-CN", dm.user().languageTag());

        InboundReader perPerson = new InboundReader(SessionScope.USER_IN_CHANNEL, new AttachmentDownloads(() -> null));
        Inbound own = perPerson.fromSlashCommand(jda.slashCommand(Payloads.slashCommand(Payloads.snowflake(), "tok", LAB, ANA,
                "zh-CN", "status", List.of(), List.of())));
        assertEquals("zh-CN", own.user().languageTag());

        Inbound later = reader.fromMessage(jda.directMessage(Payloads.message(Payloads.snowflake(), DM, BO, false,
                "export", List.of(), List.of())), Payloads.APP_ID).orElseThrow();
        assertEquals("zh-CN", later.user().languageTag(), "a DM carries no locale: the person's last one is remembered");
    }

    @Test
    void videoWithAttachmentsIsFilesWithThePromptAsCaption() {
        Inbound in = reader.fromSlashCommand(jda.slashCommand(Payloads.slashCommand(Payloads.snowflake(), "tok", LAB, ANA,
                "en-US", "video", List.of(Payloads.stringOption("prompt", "make it a summer reel")),
                List.of(Payloads.attachment(Payloads.snowflake(), "beach.jpg", 52_431, "image/jpeg", "http://127.0.0.1:1/beach.jpg"),
                        Payloads.attachment(Payloads.snowflake(), "waves.mov", 9_000_000, null, "http://127.0.0.1:1/waves.mov")))));

        Inbound.Files files = assertInstanceOf(Inbound.Files.class, in.content());
        assertEquals("make it a summer reel", files.caption());
        Attachment.Upload beach = (Attachment.Upload) files.attachments().get(0);
        assertEquals(List.of("beach.jpg", 52_431L, "image/jpeg"), List.of(beach.name(), beach.size(), beach.mediaType()));
        Attachment.Upload waves = (Attachment.Upload) files.attachments().get(1);
        assertEquals(List.of("waves.mov", 9_000_000L, "application/octet-stream"),
                List.of(waves.name(), waves.size(), waves.mediaType()));
    }

    @Test
    void anAttachmentStreamsFromDiscordOnlyWhenOpenedAndNeverPastItsDeclaredSize() throws IOException {
        try (MockWebServer cdn = new MockWebServer()) {
            cdn.start();
            byte[] photo = new byte[70_000];
            photo[69_999] = 7;
            cdn.enqueue(new MockResponse.Builder().body(new Buffer().write(photo)).build());
            cdn.enqueue(new MockResponse.Builder().body(new Buffer().write(photo)).build());
            String url = cdn.url("/attachments/1/2/beach.jpg").toString();

            Inbound.Files exact = (Inbound.Files) reader.fromSlashCommand(jda.slashCommand(Payloads.slashCommand(
                    Payloads.snowflake(), "tok", LAB, ANA, "en-US", "video", List.of(),
                    List.of(Payloads.attachment(Payloads.snowflake(), "beach.jpg", photo.length, "image/jpeg", url))))).content();
            assertEquals(0, cdn.getRequestCount(), "reading the event must not download anything");
            try (InputStream in = ((Attachment.Upload) exact.attachments().get(0)).opener().open()) {
                assertArrayEquals(photo, in.readAllBytes());
            }

            Inbound.Files understated = (Inbound.Files) reader.fromSlashCommand(jda.slashCommand(Payloads.slashCommand(
                    Payloads.snowflake(), "tok", LAB, ANA, "en-US", "video", List.of(),
                    List.of(Payloads.attachment(Payloads.snowflake(), "beach.jpg", 1_000, "image/jpeg", url))))).content();
            try (InputStream in = ((Attachment.Upload) understated.attachments().get(0)).opener().open()) {
                assertThrows(IOException.class, in::readAllBytes);
            }
        }
    }

    @Test
    void otherCommandsPassTheirNames() {
        for (String name : List.of("export", "status", "credits", "new", "cancel", "help")) {
            Inbound in = reader.fromSlashCommand(jda.slashCommand(Payloads.slashCommand(Payloads.snowflake(), "tok", LAB, ANA,
                    "en-US", name, List.of(), List.of())));
            assertEquals(new Inbound.Command(name, ""), in.content());
        }
    }

    @Test
    void aDmIsThePersonsOwnChatAndPerUserScopeSplitsAChannel() {
        Inbound dm = reader.fromSlashCommand(jda.slashCommand(Payloads.slashCommand(Payloads.snowflake(), "tok", DM, BO,
                "en-GB", "status", List.of(), List.of())));
        assertEquals(new ChatRef("discord", DM.channelId() + ":" + BO.id()), dm.chat());
        assertEquals("bo", dm.user().displayName(), "no global name: the username");

        InboundReader perUser = new InboundReader(SessionScope.USER_IN_CHANNEL, new AttachmentDownloads(() -> http));
        Inbound lab = perUser.fromSlashCommand(jda.slashCommand(Payloads.slashCommand(Payloads.snowflake(), "tok", LAB, ANA,
                "en-US", "status", List.of(), List.of())));
        assertEquals(new ChatRef("discord", LAB.channelId() + ":" + ANA.id()), lab.chat());
        assertEquals(new ChatAddress(LAB.channelId(), ANA.id()), ChatAddress.of(lab.chat()));
    }

    @Test
    void reelaysButtonsAreActionsAndOthersAreIgnored() {
        DataObject botMessage = Payloads.message(Payloads.snowflake(), LAB, null, true, "Your video is ready", List.of(), List.of());
        long id = Payloads.snowflake();
        Optional<Inbound> export = reader.fromButton(jda.buttonPress(Payloads.buttonPress(id, "tok", LAB, ANA, "export",
                botMessage)));
        assertEquals(Optional.of(new Inbound(new ChatRef("discord", Long.toUnsignedString(LAB.channelId())),
                export.get().user(), "i" + id, new Inbound.Button(Action.EXPORT))), export);

        assertTrue(reader.fromButton(jda.buttonPress(Payloads.buttonPress(Payloads.snowflake(), "tok", LAB, ANA, "vote:yes",
                botMessage))).isEmpty());
    }

    @Test
    void aDmWithAPhotoIsFilesWithItsText() {
        long id = Payloads.snowflake();
        DataObject payload = Payloads.message(id, DM, BO, false, "make a video of this beach",
                List.of(Payloads.attachment(Payloads.snowflake(), "IMG_2041.JPG", 2_000_000, "image/jpeg", "http://127.0.0.1:1/a.jpg")),
                List.of());

        Inbound in = reader.fromMessage(jda.directMessage(payload), Payloads.APP_ID).orElseThrow();

        Inbound.Files files = assertInstanceOf(Inbound.Files.class, in.content());
        assertEquals("make a video of this beach", files.caption());
        assertEquals("IMG_2041.JPG", files.attachments().get(0).name());
        assertEquals(new ChatRef("discord", DM.channelId() + ":" + BO.id()), in.chat());
        assertEquals("m" + id, in.requestId());
        assertEquals(id, RequestIds.repliedMessage(in.requestId()));
    }

    @Test
    void aDmCanUseCommandsAndWords() {
        Inbound command = reader.fromMessage(jda.directMessage(Payloads.message(Payloads.snowflake(), DM, BO, false,
                "/video a cat surfing", List.of(), List.of())), Payloads.APP_ID).orElseThrow();
        assertEquals(new Inbound.Command("video", "a cat surfing"), command.content());

        Inbound words = reader.fromMessage(jda.directMessage(Payloads.message(Payloads.snowflake(), DM, BO, false,
                "export", List.of(), List.of())), Payloads.APP_ID).orElseThrow();
        assertEquals(new Inbound.Text("export"), words.content());
    }

    @Test
    void aServerMessageCountsOnlyWhenItMentionsTheBotAndLosesTheMention() {
        MessageChannel lab = jda.slashCommand(Payloads.slashCommand(Payloads.snowflake(), "tok", LAB, ANA, "en-US", "help",
                List.of(), List.of())).getMessageChannel();
        Person bot = new Person(Payloads.APP_ID, "reelay", "Reelay");

        Inbound mention = reader.fromMessage(jda.serverMessage(Payloads.message(Payloads.snowflake(), LAB, ANA, false,
                "<@" + Payloads.APP_ID + "> add lo-fi music", List.of(), List.of(bot)), lab), Payloads.APP_ID).orElseThrow();
        assertEquals(new Inbound.Text("add lo-fi music"), mention.content());
        assertEquals(new ChatRef("discord", Long.toUnsignedString(LAB.channelId())), mention.chat());

        assertTrue(reader.fromMessage(jda.serverMessage(Payloads.message(Payloads.snowflake(), LAB, ANA, false,
                "anyone up for lunch?", List.of(), List.of()), lab), Payloads.APP_ID).isEmpty(), "chatter");
        assertTrue(reader.fromMessage(jda.serverMessage(Payloads.message(Payloads.snowflake(), LAB, BO, false,
                "<@" + ANA.id() + "> look", List.of(), List.of(ANA)), lab), Payloads.APP_ID).isEmpty(), "someone else mentioned");
        assertTrue(reader.fromMessage(jda.directMessage(Payloads.message(Payloads.snowflake(), DM, BO, true,
                "a bot's own message", List.of(), List.of())), Payloads.APP_ID).isEmpty(), "the bot itself");
    }
}
