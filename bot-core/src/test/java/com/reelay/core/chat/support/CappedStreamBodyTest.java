package com.reelay.core.chat.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ProtocolException;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.MediaType;
import okio.Buffer;
import okio.ForwardingSource;
import okio.Source;
import org.junit.jupiter.api.Test;

class CappedStreamBodyTest {

    private static final MediaType VIDEO = MediaType.get("video/mp4");

    /** Counts how often the source is opened and whether it was closed. */
    private static final class CountingOpener implements CappedStreamBody.Opener {
        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        private final int size;

        CountingOpener(int size) {
            this.size = size;
        }

        @Override
        public Source open() {
            opened.incrementAndGet();
            return new ForwardingSource(new Buffer().write(bytes(size))) {
                @Override
                public void close() throws IOException {
                    closed.incrementAndGet();
                    super.close();
                }
            };
        }
    }

    private static final class TooBig extends IOException {
        final long bytes;
        final long cap;

        TooBig(long bytes, long cap) {
            this.bytes = bytes;
            this.cap = cap;
        }
    }

    @Test
    void aDeclaredLengthIsStreamedWholeOnceWhenWrittenAndTheSourceClosed() throws IOException {
        CountingOpener source = new CountingOpener(200_000);
        CappedStreamBody body = new CappedStreamBody(VIDEO, 200_000, source);
        assertEquals(0, source.opened.get(), "nothing is opened before OkHttp writes the body");
        assertEquals(200_000, body.contentLength());
        assertEquals(VIDEO, body.contentType());
        assertTrue(body.isOneShot(), "OkHttp must never replay it");

        Buffer sent = new Buffer();
        body.writeTo(sent);
        assertEquals(new Buffer().write(bytes(200_000)).readByteString(), sent.readByteString());
        assertEquals(1, source.opened.get());
        assertEquals(1, source.closed.get());
    }

    @Test
    void aSourceShorterOrLongerThanDeclaredFailsInsteadOfSendingAWrongFile() {
        ProtocolException shorter = assertThrows(ProtocolException.class,
                () -> new CappedStreamBody(VIDEO, 1_000, new CountingOpener(999)).writeTo(new Buffer()));
        assertTrue(shorter.getMessage().contains("1 bytes before"), shorter.getMessage());

        CountingOpener longer = new CountingOpener(1_001);
        Buffer sink = new Buffer();
        ProtocolException over = assertThrows(ProtocolException.class,
                () -> new CappedStreamBody(VIDEO, 1_000, longer).writeTo(sink));
        assertTrue(over.getMessage().contains("longer"), over.getMessage());
        assertEquals(1, longer.closed.get());
    }

    @Test
    void anUnknownLengthWithinTheCapIsSentWhole() throws IOException {
        CappedStreamBody body = new CappedStreamBody(VIDEO, -1, 5_000, new CountingOpener(5_000), TooBig::new);
        assertEquals(-1, body.contentLength());
        Buffer sent = new Buffer();
        body.writeTo(sent);
        assertEquals(5_000, sent.size());
    }

    @Test
    void anUnknownLengthOverTheCapFailsWithTheCallersError() {
        TooBig failure = assertThrows(TooBig.class, () -> new CappedStreamBody(VIDEO, -1, 5_000,
                new CountingOpener(300_000), TooBig::new).writeTo(new Buffer()));
        assertEquals(5_001, failure.bytes, "stops one byte past the cap");
        assertEquals(5_000, failure.cap);
    }

    @Test
    void aDeclaredLengthOverTheCapIsRefusedAtOnce() {
        assertThrows(IllegalArgumentException.class,
                () -> new CappedStreamBody(VIDEO, 6_000, 5_000, new CountingOpener(1), TooBig::new));
        assertThrows(IllegalArgumentException.class, () -> new CappedStreamBody(VIDEO, -1, new CountingOpener(1)));
        assertFalse(new CappedStreamBody(VIDEO, 0, new CountingOpener(0)).contentLength() > 0);
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31);
        }
        return bytes;
    }
}
