package com.reelay.core.nemo.internal;

import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

/**
 * A JSON body OkHttp may send at most once. OkHttp silently replays a request after some
 * connection failures (a stale pooled connection); for a call that costs credits or starts a job
 * a replay could do the work twice, so non-idempotent calls are marked one-shot.
 */
public final class OneShotJsonBody extends RequestBody {

    public static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final byte[] bytes;

    public OneShotJsonBody(String json) {
        this.bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public MediaType contentType() {
        return JSON;
    }

    @Override
    public long contentLength() {
        return bytes.length;
    }

    @Override
    public boolean isOneShot() {
        return true;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
        sink.write(bytes);
    }
}
