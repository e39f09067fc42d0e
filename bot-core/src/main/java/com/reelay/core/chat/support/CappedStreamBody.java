package com.reelay.core.chat.support;

import java.io.IOException;
import java.net.ProtocolException;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;
import okio.Source;

/**
 * A request body streamed from its source as OkHttp writes it: the source is opened only then,
 * read once in small chunks, never held in memory, and never more than a cap. A body of declared
 * length must be exactly that long: a source that ends early or runs long fails the request
 * instead of sending a wrong file. A body of unknown length fails once it passes the cap.
 */
public final class CappedStreamBody extends RequestBody {

    private static final long CHUNK = 64 * 1024;

    /** Opens the bytes to send; called once, when the body is written. */
    @FunctionalInterface
    public interface Opener {
        Source open() throws IOException;
    }

    /** The failure for a source of unknown length that turned out bigger than the cap. */
    @FunctionalInterface
    public interface OverCap {
        IOException exception(long bytesSoFar, long cap);
    }

    private final MediaType type;
    private final long length;
    private final long cap;
    private final Opener opener;
    private final OverCap overCap;

    /** Exactly {@code length} bytes. */
    public CappedStreamBody(MediaType type, long length, Opener opener) {
        this(type, length, length, opener, null); // a known length is its own cap: no over-cap failure
    }

    /**
     * @param length  the declared length, or -1 when unknown
     * @param cap     the most a source of unknown length may give
     * @param overCap the failure when it gives more (not needed when the length is known)
     * @throws IllegalArgumentException when a declared length is over the cap
     */
    public CappedStreamBody(MediaType type, long length, long cap, Opener opener, OverCap overCap) {
        if (cap < 0 || length > cap || length < -1) {
            throw new IllegalArgumentException("length " + length + " does not fit the cap of " + cap + " bytes");
        }
        this.type = type;
        this.length = length;
        this.cap = cap;
        this.opener = opener;
        this.overCap = overCap;
    }

    @Override
    public MediaType contentType() {
        return type;
    }

    @Override
    public long contentLength() {
        return length;
    }

    /** The bytes can be read once only; OkHttp must never replay this body. */
    @Override
    public boolean isOneShot() {
        return true;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
        long limit = length >= 0 ? length : cap;
        long total = 0;
        try (Source from = opener.open()) {
            // Asks for one byte past the limit, so a source that runs long is caught before that byte is sent.
            long read;
            while ((read = from.read(sink.getBuffer(), Math.min(CHUNK - 1, limit - total) + 1)) != -1) {
                total += read;
                if (total > limit) {
                    throw length >= 0
                            ? new ProtocolException("source is longer than its declared " + length + " bytes")
                            : overCap.exception(total, cap);
                }
                sink.emitCompleteSegments();
            }
        }
        if (length >= 0 && total < length) {
            throw new ProtocolException("source ended " + (length - total) + " bytes before its declared size");
        }
    }
}
