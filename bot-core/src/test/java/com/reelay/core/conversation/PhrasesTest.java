package com.reelay.core.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PhrasesTest {

    private static final Phrases EN = Phrases.english();

    @Test
    void elapsedTimeMovesInStepsSoHeartbeatsDoNotEachCostAnEdit() {
        assertEquals("🎬 Generating video…", EN.withElapsed("🎬 Generating video…", Duration.ofSeconds(9)));
        assertEquals("🎬 Generating video… (10s)", EN.withElapsed("🎬 Generating video…", Duration.ofSeconds(19)));
        assertEquals("🎬 Generating video… (50s)", EN.withElapsed("🎬 Generating video…", Duration.ofSeconds(59)));
        assertEquals("🎬 Generating video… (1m 00s)", EN.withElapsed("🎬 Generating video…", Duration.ofSeconds(89)));
        assertEquals("🎬 Generating video… (4m 30s)", EN.withElapsed("🎬 Generating video…", Duration.ofSeconds(299)));
    }

    @Test
    void toolNamesBecomeStages() {
        assertEquals("🎬 Generating video…", EN.stage("generate_video_with_seedance"));
        assertEquals("✂️ Editing the timeline…", EN.stage("edit_multitrack"));
        assertEquals("🎵 Adding music…", EN.stage("generate_music"));
        assertEquals(EN.working(), EN.stage("something_new"));
    }
}
