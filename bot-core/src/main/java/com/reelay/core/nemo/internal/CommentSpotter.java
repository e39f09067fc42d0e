package com.reelay.core.nemo.internal;

import java.io.IOException;
import okio.Buffer;
import okio.ForwardingSource;
import okio.Source;

/**
 * Watches the bytes of an event stream for {@code :} comment lines, which okhttp-sse's reader
 * skips without telling its listener. It does no framing of its own: okhttp-sse still parses the
 * stream; this only notices that a line began with a colon and reports it as a sign of life.
 *
 * <p>The report comes when the bytes are read from the network, so it may precede events that
 * arrived in the same read. That is harmless: a comment carries no content.
 */
public final class CommentSpotter extends ForwardingSource {

    private final Runnable onComment;
    private boolean atLineStart = true;

    public CommentSpotter(Source delegate, Runnable onComment) {
        super(delegate);
        this.onComment = onComment;
    }

    @Override
    public long read(Buffer sink, long byteCount) throws IOException {
        long before = sink.size();
        long read = super.read(sink, byteCount);
        for (long i = before; i < before + read; i++) {
            byte b = sink.getByte(i);
            if (atLineStart && b == ':') {
                onComment.run();
            }
            atLineStart = b == '\n' || b == '\r';
        }
        return read;
    }
}
