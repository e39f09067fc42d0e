package com.reelay.core.nemo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.reelay.core.nemo.Segment;
import com.reelay.core.nemo.Timeline;
import com.reelay.core.nemo.Track;
import com.reelay.core.nemo.TrackKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class DraftReaderTest {

    private static Timeline read(String json) throws Exception {
        return DraftReader.read(Json.MAPPER.readTree(json));
    }

    @Test
    void readsTheContractsExampleTimeline() throws Exception {
        Timeline timeline = read("{\"t\":["
                + "{\"tt\":0,\"sg\":[{\"d\":10000,\"m\":{\"title\":\"city timelapse\",\"src\":\"https://cdn/c.mp4\"}}]},"
                + "{\"tt\":1,\"m\":{\"name\":\"BGM\",\"volume\":0.35},\"sg\":[{\"d\":10000,\"m\":{\"name\":\"Lo-fi\"}}]},"
                + "{\"tt\":7,\"sg\":[{\"d\":3000,\"m\":{\"text\":\"Urban Dreams\"}}]}],"
                + "\"m\":{\"width\":1080,\"height\":1920,\"title\":\"x\"}}");
        assertEquals(List.of(
                new Track(TrackKind.VIDEO, "", null, List.of(new Segment(0, 10000, "city timelapse", "https://cdn/c.mp4"))),
                new Track(TrackKind.AUDIO, "BGM", 0.35, List.of(new Segment(0, 10000, "", "Lo-fi"))),
                new Track(TrackKind.TEXT, "", null, List.of(new Segment(0, 3000, "Urban Dreams", "")))),
                timeline.tracks());
        assertEquals(1080, timeline.width());
        assertEquals(1920, timeline.height());
        assertEquals(10000, timeline.durationMs());
        assertTrue(timeline.isExportable());
    }

    @Test
    void segmentsWithoutAStartFollowThePreviousOne() throws Exception {
        Timeline timeline = read("{\"t\":[{\"tt\":0,\"sg\":[{\"d\":2000},{\"d\":3000},{\"s\":10000,\"d\":1000},{\"d\":500}]}]}");
        List<Segment> segments = timeline.tracks().get(0).segments();
        assertEquals(List.of(0L, 2000L, 10000L, 11000L), segments.stream().map(Segment::startMs).toList());
        assertEquals(11500, timeline.durationMs());
    }

    @Test
    void volumeIsAFractionOrAPercentage() {
        assertEquals(0.35, DraftReader.volume(Json.MAPPER.valueToTree(0.35)), 1e-9);
        assertEquals(0.35, DraftReader.volume(Json.MAPPER.valueToTree(35)), 1e-9);
        assertEquals(0.8, DraftReader.volume(TextNode.valueOf("80%")), 1e-9);
        assertEquals(0.5, DraftReader.volume(TextNode.valueOf("50")), 1e-9);
        assertEquals(1.0, DraftReader.volume(Json.MAPPER.valueToTree(1)), 1e-9);
        assertEquals(1.0, DraftReader.volume(Json.MAPPER.valueToTree(150)), 1e-9);
        assertEquals(0.0, DraftReader.volume(Json.MAPPER.valueToTree(-3)), 1e-9);
        assertNull(DraftReader.volume(TextNode.valueOf("loud")));
        assertNull(DraftReader.volume(null));
    }

    @Test
    void unknownTypesFieldsAndJunkAreTolerated() throws Exception {
        Timeline timeline = read("{\"t\":[{\"tt\":3,\"sg\":[{\"d\":\"1500\",\"zz\":1},7]},\"junk\",{\"sg\":{}}],\"m\":{\"width\":\"abc\"},\"extra\":[]}");
        assertEquals(TrackKind.OTHER, timeline.tracks().get(0).kind());
        assertEquals(1500, timeline.tracks().get(0).segments().get(0).durationMs());
        assertEquals(1, timeline.tracks().get(0).segments().size());
        assertEquals(2, timeline.tracks().size());
        assertTrue(timeline.tracks().get(1).segments().isEmpty());
        assertNull(timeline.width());
    }

    @Test
    void noDraftIsAnEmptyTimeline() throws Exception {
        assertEquals(Timeline.empty(), DraftReader.read(null));
        assertEquals(Timeline.empty(), read("null"));
        assertEquals(Timeline.empty(), read("[]"));
        JsonNode empty = Json.MAPPER.readTree("{}");
        assertEquals(Timeline.empty(), DraftReader.read(empty));
        assertTrue(!read("{\"t\":[{\"tt\":0,\"sg\":[]}]}").isExportable());
    }
}
