package com.reelay.discord;

import com.reelay.core.chat.Attachment;
import com.reelay.core.chat.AttachmentUnavailable;
import com.reelay.core.chat.FilePolicy;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;
import net.dv8tion.jda.api.entities.Message;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Discord attachments as the engine's lazy uploads: name, declared size and type up front, so the
 * engine checks them (against {@link FilePolicy}) before a byte moves; the bytes stream from
 * Discord's CDN straight into the NemoVideo upload when the engine opens them, never held whole.
 */
final class AttachmentDownloads {

    private static final String UNKNOWN_TYPE = "application/octet-stream";

    /** JDA's client (it exists once JDA is built); CDN downloads need no authorization. */
    private final Supplier<OkHttpClient> http;

    AttachmentDownloads(Supplier<OkHttpClient> http) {
        this.http = http;
    }

    Attachment.Upload upload(Message.Attachment attachment) {
        String type = attachment.getContentType();
        String url = attachment.getUrl();
        long size = attachment.getSize();
        return new Attachment.Upload(attachment.getFileName(), size, type == null || type.isBlank() ? UNKNOWN_TYPE : type,
                () -> open(url, size, attachment.getFileName()));
    }

    /** The attachment's bytes; when Discord won't hand them over, the person hears why (not NemoVideo's fault). */
    InputStream open(String url, long declaredSize, String name) throws IOException {
        Response response;
        try {
            response = http.get().newCall(new Request.Builder().url(url).get().build()).execute();
        } catch (IOException e) {
            throw new AttachmentUnavailable(DiscordPhrases.downloadFailed(name),
                    new IOException(FailureText.of(e), null));
        }
        if (!response.isSuccessful()) {
            int code = response.code();
            response.close();
            throw new AttachmentUnavailable("Discord wouldn't hand over \"" + name
                    + "\" (it may have been deleted). Please send it again.",
                    new IOException("attachment download answered HTTP " + code, null));
        }
        // Never more than Discord declared (nor than NemoVideo takes), whatever the CDN sends.
        long cap = declaredSize >= 0 ? Math.min(declaredSize, FilePolicy.MAX_FILE_BYTES) : FilePolicy.MAX_FILE_BYTES;
        return new CappedStream(response.body().byteStream(), cap);
    }

    /** Fails the read that would pass {@code cap} bytes. */
    static final class CappedStream extends FilterInputStream {
        private final long cap;
        private long count;

        CappedStream(InputStream in, long cap) {
            super(in);
            this.cap = cap;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            counted(skipped);
            return skipped;
        }

        private void counted(long n) throws IOException {
            count += n;
            if (count > cap) {
                throw new IOException("attachment is larger than the " + cap + " bytes it was declared with");
            }
        }
    }
}
