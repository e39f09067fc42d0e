package com.reelay.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One open {@code text/event-stream} response. Writes are small and flushed at once; a failed write
 * means the client has gone. Nothing here blocks between writes: a scheduler drives it.
 */
final class ChatStream {
    private final HttpExchange exchange;
    private final OutputStream body;
    // Guarded by this.
    private boolean open = true;
    private boolean muted;

    ChatStream(HttpExchange exchange) throws IOException {
        this.exchange = exchange;
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0); // chunked: the length is unknown
        this.body = exchange.getResponseBody();
    }

    /** Writes one frame; false when the client is gone. A muted stream swallows frames and reports true. */
    synchronized boolean send(String frame) {
        if (!open) {
            return false;
        }
        if (muted) {
            return true;
        }
        try {
            body.write(frame.getBytes(StandardCharsets.UTF_8));
            body.flush();
            return true;
        } catch (IOException e) {
            open = false;
            exchange.close();
            return false;
        }
    }

    /** Keeps the connection open but writes nothing more. */
    synchronized void mute() {
        muted = true;
    }

    /** Stops all writing without ending the response: the handler thread cuts the connection instead. */
    synchronized void abandon() {
        open = false;
    }

    /** Ends the response normally (the terminating chunk: "close = end"). */
    synchronized void finish() {
        if (!open) {
            return;
        }
        open = false;
        try {
            body.close();
        } catch (IOException ignored) {
            // The client is gone; nothing left to end.
        }
        exchange.close();
    }
}
