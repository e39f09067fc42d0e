package com.reelay.core.nemo.internal;

import com.reelay.core.chat.support.CappedStreamBody;
import com.reelay.core.nemo.UploadSource;
import java.io.IOException;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.Buffer;
import okio.ForwardingSource;
import okio.Okio;
import okio.Source;

/**
 * What fails on the side of the file being uploaded (it cannot be opened, breaks off, lies
 * about its size, or of undeclared size runs past the limit), told apart from the network to
 * NemoVideo failing: the person hears what happened, and nothing is retried.
 */
final class SourceSide {

    private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");

    private SourceSide() {
    }

    /** The file could not be read from where it lives; its cause says why. */
    static final class SourceFailure extends IOException {
        SourceFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A file of unknown size ran past the limit: the upload was cut off. */
    static final class SourceTooLarge extends IOException {
        SourceTooLarge(long limit) {
            super("upload source of undeclared size is over " + limit + " bytes");
        }
    }

    /**
     * One file of an upload, streamed from its source at exactly its declared size, or chunked
     * up to {@code limit} when its size is unknown.
     */
    static RequestBody body(UploadSource file, long limit) {
        MediaType parsed = file.mediaType() == null ? null : MediaType.parse(file.mediaType());
        return new CappedStreamBody(parsed == null ? OCTET_STREAM : parsed, file.size(), limit, () -> open(file),
                (soFar, cap) -> new SourceTooLarge(cap));
    }

    private static Source open(UploadSource file) throws SourceFailure {
        Source source;
        try {
            source = Okio.source(file.opener().open());
        } catch (IOException e) {
            throw new SourceFailure("upload source could not be opened", e);
        }
        return new ForwardingSource(source) {
            @Override
            public long read(Buffer sink, long byteCount) throws IOException {
                try {
                    return super.read(sink, byteCount);
                } catch (IOException e) {
                    throw new SourceFailure("upload source broke off", e);
                }
            }
        };
    }

    /** The source's failure behind {@code e}, if it is one (OkHttp may wrap or suppress it). */
    static Optional<IOException> of(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SourceFailure || t instanceof SourceTooLarge || isSizeLie(t)) {
                return Optional.of((IOException) t);
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed instanceof SourceFailure || suppressed instanceof SourceTooLarge || isSizeLie(suppressed)) {
                    return Optional.of((IOException) suppressed);
                }
            }
        }
        return Optional.empty();
    }

    /** CappedStreamBody's verdict on a source longer or shorter than it declared. */
    private static boolean isSizeLie(Throwable t) {
        return t instanceof java.net.ProtocolException && t.getMessage() != null
                && (t.getMessage().startsWith("source is longer") || t.getMessage().startsWith("source ended"));
    }
}
