package com.reelay.core.nemo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import okio.Buffer;
import okio.BufferedSource;
import okio.Okio;
import org.junit.jupiter.api.Test;

class CommentSpotterTest {

    @Test
    void commentSpotterSeesCommentLinesOnlyAndPassesBytesThrough() throws Exception {
        AtomicInteger comments = new AtomicInteger();
        String stream = ": hello\n\ndata: {\"a\":\":not a comment\"}\n\n:x\r\n\r\ndata: :\n\n";
        BufferedSource source = Okio.buffer(new CommentSpotter(new Buffer().writeUtf8(stream), comments::incrementAndGet));
        assertEquals(stream, source.readUtf8());
        assertEquals(2, comments.get());
    }
}
