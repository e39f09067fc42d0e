package com.reelay.core.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
