package com.reelay.core.nemo.internal;

import com.reelay.core.nemo.AcceptedMedia;
import com.reelay.core.nemo.UploadSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.Buffer;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;

/**
 * One file of an upload, streamed from its source straight into the request: opened only when
 * OkHttp writes the body, read once in small chunks. A source of known size must give exactly
 * that many bytes; one of unknown size goes chunked and is cut off past the limit. Whatever goes
 * wrong on the source's side (it cannot be opened, breaks off, lies about its size) is a
 * {@link SourceFailure}, told apart from the network to NemoVideo failing.
 */
public final class UploadSourceBody extends RequestBody {

    private static final long CHUNK = 64 * 1024;
    private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");

    private final UploadSource source;
    private final long limit;
    private final MediaType mediaType;

    public UploadSourceBody(UploadSource source) {
        this(source, AcceptedMedia.MAX_FILE_BYTES);
    }

    UploadSourceBody(UploadSource source, long limit) {
        this.source = source;
        this.limit = limit;
        MediaType parsed = source.mediaType() == null ? null : MediaType.parse(source.mediaType());
        this.mediaType = parsed == null ? OCTET_STREAM : parsed;
    }

    /** The file could not be read from where it lives; its cause says why. */
    public static final class SourceFailure extends IOException {
        SourceFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A file of unknown size ran past the limit: the upload was cut off. */
    public static final class SourceTooLarge extends IOException {
        SourceTooLarge(long limit) {
            super("upload source of undeclared size is over " + limit + " bytes");
        }
    }

    /** The source's failure behind {@code e}, if it is one (OkHttp may wrap or suppress it). */
    static Optional<IOException> sourceSide(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SourceFailure || t instanceof SourceTooLarge) {
                return Optional.of((IOException) t);
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed instanceof SourceFailure || suppressed instanceof SourceTooLarge) {
                    return Optional.of((IOException) suppressed);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public MediaType contentType() {
        return mediaType;
    }

    @Override
    public long contentLength() {
        return source.size(); // -1 when unknown: OkHttp sends it chunked
    }

    /** The bytes can be read once only; OkHttp must never replay this body. */
    @Override
    public boolean isOneShot() {
        return true;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
        InputStream in;
        try {
            in = source.opener().open();
        } catch (IOException e) {
            throw new SourceFailure("upload source could not be opened", e);
        }
        long most = source.sizeKnown() ? source.size() : limit;
        long sent = 0;
        try (in; Source from = Okio.source(in)) {
            Buffer chunk = new Buffer();
            while (true) {
                long read = readSource(from, chunk, Math.min(CHUNK, most - sent + 1));
                if (read == -1) {
                    break;
                }
                sent += read;
                if (sent > most) {
                    throw source.sizeKnown()
                            ? new SourceFailure("upload source is longer than its declared size", null)
                            : new SourceTooLarge(limit);
                }
                sink.write(chunk, read);
                sink.emitCompleteSegments();
            }
        }
        if (source.sizeKnown() && sent < source.size()) {
            throw new SourceFailure("upload source ended " + (source.size() - sent) + " bytes before its declared size", null);
        }
    }

    private static long readSource(Source from, Buffer into, long max) throws SourceFailure {
        try {
            return from.read(into, max);
        } catch (IOException e) {
            throw new SourceFailure("upload source broke off", e);
        }
    }
}
