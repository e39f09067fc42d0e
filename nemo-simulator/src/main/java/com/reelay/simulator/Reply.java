package com.reelay.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** What a route answers; the router writes it. */
sealed interface Reply {

    /** A JSON body with a status and extra headers. */
    record JsonReply(int status, JsonNode body, Map<String, String> headers) implements Reply {
        JsonReply(int status, JsonNode body) {
            this(status, body, Map.of());
        }
    }

    /** A status with no body (body may still be given raw, e.g. by a fault). */
    record RawReply(int status, String body, Map<String, String> headers) implements Reply {
    }

    /** Placeholder media bytes of this type and length, generated while they are written. */
    record MediaReply(String contentType, long length) implements Reply {
    }

    /**
     * The route has taken the exchange over (an SSE stream or a file download). When {@code drop} is
     * not null the router's handler thread waits for it: {@code true} means cut the connection.
     */
    record Detached(CompletableFuture<Boolean> drop) implements Reply {
    }
}
