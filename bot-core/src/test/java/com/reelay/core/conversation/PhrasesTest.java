package com.reelay.core.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.reelay.core.chat.AttachmentUnavailable;
import com.reelay.core.nemo.NemoException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PhrasesTest {

    @Test
    void elapsedTimeMovesInStepsSoHeartbeatsDoNotEachCostAnEdit() {
        assertEquals("🎬 Generating video…", Phrases.withElapsed("🎬 Generating video…", Duration.ofSeconds(9)));
        assertEquals("🎬 Generating video… (10s)", Phrases.withElapsed("🎬 Generating video…", Duration.ofSeconds(19)));
        assertEquals("🎬 Generating video… (50s)", Phrases.withElapsed("🎬 Generating video…", Duration.ofSeconds(59)));
        assertEquals("🎬 Generating video… (1m 00s)", Phrases.withElapsed("🎬 Generating video…", Duration.ofSeconds(89)));
        assertEquals("🎬 Generating video… (4m 30s)", Phrases.withElapsed("🎬 Generating video…", Duration.ofSeconds(299)));
    }

    @Test
    void toolNamesBecomeStages() {
        assertEquals("🎬 Generating video…", Phrases.stage("generate_video_with_seedance"));
        assertEquals("✂️ Editing the timeline…", Phrases.stage("edit_multitrack"));
        assertEquals("🎵 Adding music…", Phrases.stage("generate_music"));
        assertEquals(Phrases.WORKING, Phrases.stage("something_new"));
    }

    @Test
    void aFileThePlatformWouldNotHandOverIsExplainedInThePlatformsWords() {
        String telegram = "Telegram refused to hand over the file: it is over the 20 MB limit for bots.";
        assertEquals(telegram, Phrases.uploadSourceFailed(new NemoException.UploadSourceFailed("upload",
                new AttachmentUnavailable(telegram, new java.io.IOException("Bad Request: file is too big")))));
        String unknown = Phrases.uploadSourceFailed(new NemoException.UploadSourceFailed("upload",
                new java.io.IOException("connection reset")));
        assertEquals("I couldn't get your file from the chat to pass it on to NemoVideo. Please send it again.", unknown);
    }

    @Test
    void aFileThePlatformWouldNotHandOverIsNotBlamedOnNemoVideo() {
        String said = Phrases.failure(new NemoException.UploadSourceFailed("upload",
                new com.reelay.core.chat.AttachmentUnavailable("Telegram refused to hand over the file.")), true);
        assertEquals("Telegram refused to hand over the file.", said);
    }
}
