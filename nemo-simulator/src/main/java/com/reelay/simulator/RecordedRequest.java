package com.reelay.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One request as the simulator received it. Header names are lower case. {@code body} holds the
 * text of JSON bodies only (multipart uploads are streamed, never kept), else null.
 * {@code endpoint} is null for paths the simulator does not serve.
 */
public record RecordedRequest(
        Instant receivedAt,
        Endpoint endpoint,
        String method,
        String path,
        String query,
        Map<String, List<String>> headers,
        String body) {

    public RecordedRequest {
        headers = Map.copyOf(headers);
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
