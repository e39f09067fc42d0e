package com.reelay.app.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.core.chat.Attachment;
import com.reelay.core.chat.Inbound;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleCommandReaderTest {

    private final ConsoleCommandReader reader = new ConsoleCommandReader(com.reelay.core.chat.Phrasebook.english());

    @TempDir
    Path dir;

    @Test
    void textAndCommands() {
        assertEquals(new Inbound.Text("make a video"), reader.read("make a video").content());
        assertEquals(new Inbound.Command("export", ""), reader.read("/Export").content());
        assertEquals(new Inbound.Command("video", "a cat"), reader.read("/video a cat").content());
    }

    @Test
    void uploadOfAFileWithSpacesAndCaption() throws Exception {
        Path file = Files.write(dir.resolve("my beach.png"), new byte[123]);
        ConsoleCommandReader.Parsed parsed = reader.read("/upload \"" + file + "\" make it a reel");
        assertNull(parsed.problem());
        Inbound.Files files = (Inbound.Files) parsed.content();
        Attachment.Upload upload = (Attachment.Upload) files.attachments().get(0);
        assertEquals("my beach.png", upload.name());
        assertEquals(123, upload.size());
        assertEquals(123, upload.opener().open().readAllBytes().length);
        assertEquals("make it a reel", files.caption());
    }

    @Test
    void uploadOfAUrl() {
        Inbound.Files files = (Inbound.Files) reader.read("/upload https://example.com/a/clip.mp4?x=1 trim it").content();
        assertEquals("clip.mp4", files.attachments().get(0).name());
        assertEquals("trim it", files.caption());
    }

    @Test
    void problemsAreExplained() {
        assertTrue(reader.read("/upload").problem().startsWith("Usage: /upload"));
        assertTrue(reader.read("/upload /no/such/file.mp4").problem().startsWith("No such file: /no/such/file.mp4"));
        assertTrue(reader.read("/upload \"unclosed").problem().startsWith("Missing closing quote"));
    }
}
