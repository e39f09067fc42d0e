package com.reelay.core.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.reelay.core.nemo.Timeline;
import org.junit.jupiter.api.Test;

class TimelineWordsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Timeline draft(String json) throws Exception {
        return Timeline.fromDraft(JSON.readTree(json.replace('\'', '"')));
    }

    private static final String THREE_TRACKS = "{'t':["
            + "{'tt':0,'m':{'name':'city timelapse'},'sg':[{'d':10000}]},"
            + "{'tt':1,'m':{'name':'Lo-fi','volume':35},'sg':[{'s':0,'d':10000}]},"
            + "{'tt':7,'m':{'name':'Title'},'sg':[{'d':3000,'m':{'title':'Urban Dreams'}}]}]}";

    @Test
    void summaryReadsLikeTheContract() throws Exception {
        assertEquals("Timeline (3 tracks):\n1. Video: city timelapse (0-10s)\n2. BGM: Lo-fi (0-10s, 35%)\n"
                + "3. Title: \"Urban Dreams\" (0-3s)", TimelineSummary.of(Phrases.english(), draft(THREE_TRACKS)));
    }

    @Test
    void segmentsWithoutStartFollowEachOther() throws Exception {
        Timeline t = draft("{'t':[{'tt':0,'sg':[{'d':2500},{'d':5000}]}]}");
        assertEquals("Video: clip (0-7.5s)", TimelineSummary.describe(Phrases.english(), t.tracks().get(0)));
    }

    @Test
    void emptyDraft() throws Exception {
        assertEquals(false, draft("{'t':[]}").isExportable());
        assertEquals(true, TimelineSummary.of(Phrases.english(), draft("{}")).startsWith("Your timeline is empty"));
    }

    @Test
    void changesNameWhatAnEditDid() throws Exception {
        Timeline before = draft("{'t':[{'tt':0,'m':{'name':'city timelapse'},'sg':[{'d':10000}]},"
                + "{'tt':1,'m':{'name':'Jazz','volume':0.5},'sg':[{'d':10000}]}]}");
        Timeline after = draft("{'t':[{'tt':0,'m':{'name':'city timelapse'},'sg':[{'d':15000}]},"
                + "{'tt':7,'sg':[{'d':3000,'m':{'title':'Urban Dreams'}}]}]}");
        assertEquals("Done. Here's what changed:\n"
                + "• Video: city timelapse now 0-15s (was 0-10s)\n"
                + "• Removed BGM: Jazz\n"
                + "• Added Title: \"Urban Dreams\" (0-3s)\n"
                + "The video is now 15s long.", TimelineChanges.describe(Phrases.english(), before, after));
    }

    @Test
    void noChangeIsSaidPlainly() throws Exception {
        assertEquals("Done. The timeline looks the same as before; say \"status\" to see it.",
                TimelineChanges.describe(Phrases.english(), draft(THREE_TRACKS), draft(THREE_TRACKS)));
    }
}
