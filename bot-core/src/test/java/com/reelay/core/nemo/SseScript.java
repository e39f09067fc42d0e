package com.reelay.core.nemo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;
import okio.BufferedSink;
import okio.Okio;
import okio.Socket;

/**
 * A chat stream played by MockWebServer: a chunked {@code text/event-stream} response whose
 * body a script writes piece by piece, so a test decides when each event arrives, whether the
 * stream ends cleanly or the connection drops.
 */
final class SseScript {

    @FunctionalInterface
    interface Script {
        void play(Writer out) throws Exception;
    }

    /** Writes SSE text inside HTTP chunks; each call is flushed at once. */
    static final class Writer {
        private final Socket socket;
        private final BufferedSink sink;

        Writer(Socket socket) {
            this.socket = socket;
            this.sink = Okio.buffer(socket.getSink());
        }

        /** {@code data: <json>} and the blank line that ends the event. */
        Writer data(String json) throws IOException {
            return raw("data: " + json + "\n\n");
        }

        Writer comment(String text) throws IOException {
            return raw(": " + text + "\n\n");
        }

        Writer emptyData() throws IOException {
            return raw("data:\n\n");
        }

        Writer raw(String text) throws IOException {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            sink.writeUtf8(Integer.toHexString(bytes.length)).writeUtf8("\r\n").write(bytes).writeUtf8("\r\n");
            sink.flush();
            return this;
        }

        /** Ends the stream cleanly. */
        void end() throws IOException {
            sink.writeUtf8("0\r\n\r\n");
            sink.flush();
            sink.close();
        }

        /** Drops the connection mid-stream. */
        void drop() {
            socket.cancel();
        }
    }

    private SseScript() {
    }

    static MockResponse stream(Script script) {
        return new MockResponse.Builder()
                .addHeader("Content-Type", "text/event-stream")
                .addHeader("Transfer-Encoding", "chunked")
                .addHeader("Connection", "close")
                .socketHandler(socket -> {
                    Writer out = new Writer(socket);
                    try {
                        script.play(out);
                    } catch (Exception e) {
                        socket.cancel();
                    }
                })
                .removeHeader("Content-Length")
                .build();
    }

    /** A stream that sends {@code events} (data payloads) and ends. */
    static MockResponse events(String... events) {
        return stream(out -> {
            for (String event : events) {
                out.data(event);
            }
            out.end();
        });
    }
}
