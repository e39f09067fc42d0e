package com.reelay.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DraftTest {

    @Test
    void tracksStayOrderedByTypeAndAreReplacedInPlace() {
        Draft d = new Draft();
        d.putTrack(Draft.TEXT, "Title", null, Json.object().put("s", 0).put("d", 3000));
        d.putTrack(Draft.VIDEO, "a", null, Json.object().put("s", 0).put("d", 10000));
        d.putTrack(Draft.AUDIO, "Lo-fi", Json.object().put("volume", 0.35), Json.object().put("s", 0).put("d", 10000));
        d.putTrack(Draft.VIDEO, "b", null, Json.object().put("s", 0).put("d", 8000));

        assertEquals("{\"t\":[{\"tt\":0,\"m\":{\"name\":\"b\"},\"sg\":[{\"s\":0,\"d\":8000}]},"
                + "{\"tt\":1,\"m\":{\"name\":\"Lo-fi\",\"volume\":0.35},\"sg\":[{\"s\":0,\"d\":10000}]},"
                + "{\"tt\":7,\"m\":{\"name\":\"Title\"},\"sg\":[{\"s\":0,\"d\":3000}]}]}", d.toJson().toString());
        assertEquals(10000, d.totalMs());
    }

    @Test
    void resizeCutsDropsAndStretches() {
        Draft d = new Draft();
        d.putTrack(Draft.VIDEO, "v", null, Json.object().put("s", 0).put("d", 10000));
        d.putTrack(Draft.TEXT, "Title", null, Json.object().put("s", 8000).put("d", 2000));

        d.resize(6000);
        assertEquals(6000, d.totalMs());
        assertEquals(0, d.toJson().path("t").get(1).path("sg").size(), "a segment past the end is dropped");

        d.resize(9000);
        assertEquals(9000, d.toJson().path("t").get(0).path("sg").get(0).path("d").asLong());
    }

    @Test
    void aDraftIsExportableWhenSomeTrackHasASegment() {
        com.fasterxml.jackson.databind.node.ObjectNode noTracks = Json.object();
        noTracks.putArray("t");
        assertFalse(Draft.hasSegments(noTracks));
        assertFalse(Draft.hasSegments(new Draft().toJson()));
        Draft d = new Draft();
        d.putTrack(Draft.TEXT, "Title", null, Json.object().put("s", 0).put("d", 3000));
        assertTrue(Draft.hasSegments(d.toJson()));
    }
}
