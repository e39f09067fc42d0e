package com.reelay.core.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.reelay.core.chat.AttachmentUnavailable;
import com.reelay.core.nemo.NemoException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PhrasesTest {

    private static final Phrases EN = Phrases.english();

    @Test
    void elapsedTimeMovesInStepsSoHeartbeatsDoNotEachCostAnEdit() {
        assertEquals("🎬 Generating video…", TimeWording.withElapsed(EN.book(), "🎬 Generating video…", Duration.ofSeconds(9)));
        assertEquals("🎬 Generating video… (10s)", TimeWording.withElapsed(EN.book(), "🎬 Generating video…", Duration.ofSeconds(19)));
        assertEquals("🎬 Generating video… (50s)", TimeWording.withElapsed(EN.book(), "🎬 Generating video…", Duration.ofSeconds(59)));
        assertEquals("🎬 Generating video… (1m 00s)", TimeWording.withElapsed(EN.book(), "🎬 Generating video…", Duration.ofSeconds(89)));
        assertEquals("🎬 Generating video… (4m 30s)", TimeWording.withElapsed(EN.book(), "🎬 Generating video…", Duration.ofSeconds(299)));
    }

    @Test
    void toolNamesBecomeStages() {
        assertEquals("🎬 Generating video…", EN.stage("generate_video_with_seedance"));
        assertEquals("✂️ Editing the timeline…", EN.stage("edit_multitrack"));
        assertEquals("🎵 Adding music…", EN.stage("generate_music"));
        assertEquals(EN.working(), EN.stage("something_new"));
    }

    @Test
    void aFileThePlatformWouldNotHandOverIsExplainedInThePlatformsWords() {
        String telegram = "Telegram refused to hand over the file: it is over the 20 MB limit for bots.";
        assertEquals(telegram, EN.uploadSourceFailed(new NemoException.UploadSourceFailed("upload",
                new AttachmentUnavailable(book -> telegram, new java.io.IOException("Bad Request: file is too big")))));
        String unknown = EN.uploadSourceFailed(new NemoException.UploadSourceFailed("upload",
                new java.io.IOException("connection reset")));
        assertEquals("I couldn't get your file from the chat to pass it on to NemoVideo. Please send it again.", unknown);
    }

    @Test
    void aFileThePlatformWouldNotHandOverIsNotBlamedOnNemoVideo() {
        String said = EN.failure(new NemoException.UploadSourceFailed("upload",
                new com.reelay.core.chat.AttachmentUnavailable(book -> book.phrase("telegram.file_gone"))), true);
        assertEquals("Telegram wouldn't hand over the file (it may have expired). Please send it again.", said);
        assertEquals("Telegram 没有提供该文件（可能已过期）。请重新发送。", Phrases.of("zh").failure(new NemoException.UploadSourceFailed(
                "upload", new com.reelay.core.chat.AttachmentUnavailable(book -> book.phrase("telegram.file_gone"))), true),
                "in the chat's language");
    }
}
