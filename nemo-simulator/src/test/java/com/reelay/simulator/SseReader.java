package com.reelay.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;

/** Reads an SSE response line by line, keeping comments and empty data lines so tests can see them. */
final class SseReader implements AutoCloseable {
    final Response response;
    private final BufferedSource source;
    final SseTranscript transcript = new SseTranscript();

    private SseReader(Response response) {
        this.response = response;
        this.source = response.body().source();
    }

    static SseReader open(OkHttpClient http, Request request) {
        try {
            Response response = http.newCall(request).execute();
            if (response.code() != 200 || !String.valueOf(response.header("Content-Type")).startsWith("text/event-stream")) {
                String body = response.body().string();
                response.close();
                throw new AssertionError("expected a stream, got HTTP " + response.code() + ": " + body);
            }
            return new SseReader(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next frame, or null at the end of the stream. IOExceptions (timeouts, drops) propagate. */
    SseTranscript.Frame next() throws IOException {
        StringBuilder data = null;
        while (true) {
            String line = source.readUtf8Line();
            if (line == null) {
                return null;
            }
            if (line.isEmpty()) {
                if (data != null) {
                    return transcript.add(SseTranscript.Frame.data(data.toString()));
                }
                continue;
            }
            if (line.startsWith(":")) {
                return transcript.add(SseTranscript.Frame.comment(line));
            }
            if (line.startsWith("data:")) {
                String value = line.substring(5);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
    }

    /** The next content event (skipping comments, empty data lines and typed heartbeats), or null at the end. */
    JsonNode nextContent() throws IOException {
        for (SseTranscript.Frame f = next(); f != null; f = next()) {
            if (f.isContent()) {
                return f.json();
            }
        }
        return null;
    }

    SseTranscript readToEnd() {
        try {
            while (next() != null) {
                // collecting into the transcript
            }
            return transcript;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        response.close();
    }
}
