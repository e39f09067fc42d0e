package com.reelay.core.nemo;

import java.io.IOException;
import java.io.InputStream;

/**
 * One file to upload: its name, exact length ({@link #UNKNOWN_SIZE} when the platform did not
 * declare it) and type, and a way to open its bytes. The stream is opened only when the upload
 * starts and is read once, straight into the request; a file of unknown size is counted as it
 * goes and cut off past {@link AcceptedMedia#MAX_FILE_BYTES}.
 */
public record UploadSource(String filename, long size, String mediaType, Opener opener) {

    public static final long UNKNOWN_SIZE = -1;

    public UploadSource {
        if (size < UNKNOWN_SIZE) {
            throw new IllegalArgumentException("size must be " + UNKNOWN_SIZE + " (unknown) or more");
        }
    }

    public boolean sizeKnown() {
        return size != UNKNOWN_SIZE;
    }

    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }
}
