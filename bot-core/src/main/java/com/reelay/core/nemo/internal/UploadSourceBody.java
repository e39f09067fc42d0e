package com.reelay.core.nemo.internal;

import com.reelay.core.nemo.UploadSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;

/**
 * One file of an upload, streamed from its source straight into the request: opened only when
 * OkHttp writes the body, read once in small chunks, exactly {@link UploadSource#size()} bytes.
 * A source that ends early or runs long fails the upload instead of sending a wrong file.
 */
public final class UploadSourceBody extends RequestBody {

    private static final long CHUNK = 64 * 1024;
    private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");

    private final UploadSource source;
    private final MediaType mediaType;

    public UploadSourceBody(UploadSource source) {
        this.source = source;
        MediaType parsed = source.mediaType() == null ? null : MediaType.parse(source.mediaType());
        this.mediaType = parsed == null ? OCTET_STREAM : parsed;
    }

    @Override
    public MediaType contentType() {
        return mediaType;
    }

    @Override
    public long contentLength() {
        return source.size();
    }

    /** The bytes can be read once only; OkHttp must never replay this body. */
    @Override
    public boolean isOneShot() {
        return true;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
        long remaining = source.size();
        try (InputStream in = source.opener().open(); Source from = Okio.source(in)) {
            while (remaining > 0) {
                long read = from.read(sink.getBuffer(), Math.min(CHUNK, remaining));
                if (read == -1) {
                    throw new ProtocolException("upload source ended " + remaining + " bytes before its declared size");
                }
                remaining -= read;
                sink.emitCompleteSegments();
            }
            if (in.read() != -1) {
                throw new ProtocolException("upload source is longer than its declared size");
            }
        }
    }
}
