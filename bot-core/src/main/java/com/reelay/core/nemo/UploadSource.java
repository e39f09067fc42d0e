package com.reelay.core.nemo;

import java.io.IOException;
import java.io.InputStream;

/**
 * One file to upload: its name, exact length and type, and a way to open its bytes. The
 * stream is opened only when the upload starts and is read once, straight into the request.
 */
public record UploadSource(String filename, long size, String mediaType, Opener opener) {

    public UploadSource {
        if (size < 0) {
            throw new IllegalArgumentException("size must be known");
        }
    }

    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }
}
