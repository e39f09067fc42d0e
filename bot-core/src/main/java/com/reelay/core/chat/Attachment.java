package com.reelay.core.chat;

import java.io.IOException;
import java.io.InputStream;

/**
 * A file a person sent. Lazy: the name, declared size and type are known up front so the
 * engine can check them before a single byte moves.
 */
public sealed interface Attachment {

    /** What the person would recognise the file by. */
    String name();

    /** Bytes on a platform (or disk), opened only once accepted. {@code size} is -1 when unknown. */
    record Upload(String name, long size, String mediaType, Opener opener) implements Attachment {
    }

    /** A public link NemoVideo can fetch itself. */
    record Link(String url) implements Attachment {
        @Override
        public String name() {
            String path = url;
            int query = path.indexOf('?');
            if (query >= 0) {
                path = path.substring(0, query);
            }
            return path.substring(path.lastIndexOf('/') + 1);
        }
    }

    @FunctionalInterface
    interface Opener {
        InputStream open() throws IOException;
    }
}
