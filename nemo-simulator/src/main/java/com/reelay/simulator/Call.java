package com.reelay.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One received request: its endpoint, path parameter, JSON body (read up front) and caller address. */
final class Call {
    /** JSON bodies larger than this are refused; drafts are a few KB. */
    static final int MAX_JSON_BYTES = 8 * 1024 * 1024;

    private final HttpExchange exchange;
    private final Endpoint endpoint;
    private final String pathParameter;
    private final String body;
    private final Instant receivedAt;
    private JsonNode json;

    private Call(HttpExchange exchange, Endpoint endpoint, String pathParameter, String body, Instant receivedAt) {
        this.exchange = exchange;
        this.endpoint = endpoint;
        this.pathParameter = pathParameter;
        this.body = body;
        this.receivedAt = receivedAt;
    }

    /** Reads the body when it is JSON; a multipart upload body is left on the wire for streaming. */
    static Call receive(HttpExchange exchange, Endpoint endpoint, String pathParameter, Instant now) throws IOException {
        String body = null;
        if ("POST".equals(exchange.getRequestMethod()) && !(endpoint == Endpoint.UPLOAD && !isJson(exchange))) {
            body = readBounded(exchange.getRequestBody());
        }
        return new Call(exchange, endpoint, pathParameter, body, now);
    }

    private static boolean isJson(HttpExchange exchange) {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json");
    }

    private static String readBounded(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_JSON_BYTES + 1);
        if (bytes.length > MAX_JSON_BYTES) {
            return null; // refused below as an invalid body
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    HttpExchange exchange() {
        return exchange;
    }

    Endpoint endpoint() {
        return endpoint;
    }

    String pathParameter() {
        return pathParameter;
    }

    boolean hasJsonBody() {
        return body != null;
    }

    /** The parsed body; an empty body reads as {}. Invalid JSON is HTTP 400 in the endpoint's envelope. */
    JsonNode json() {
        if (json == null) {
            if (body == null || body.isBlank()) {
                json = Json.object();
            } else {
                try {
                    json = Json.parse(body);
                } catch (JsonProcessingException e) {
                    throw ApiError.badRequest(endpoint, "invalid JSON body");
                }
            }
            if (!json.isObject()) {
                throw ApiError.badRequest(endpoint, "the body must be a JSON object");
            }
        }
        return json;
    }

    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /** The token of {@code Authorization: Bearer <token>}, or null. */
    String bearerToken() {
        String auth = header("Authorization");
        if (auth == null || auth.length() < 7 || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = auth.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    /** The first X-Forwarded-For address when present (lets tests act as many IPs), else the peer address. */
    String clientIp() {
        String forwarded = header("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            return forwarded.split(",")[0].trim();
        }
        return exchange.getRemoteAddress().getAddress().getHostAddress();
    }

    RecordedRequest record() {
        Map<String, List<String>> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        return new RecordedRequest(receivedAt, endpoint, exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), headers, body);
    }

    /** One log line; the token is masked. */
    String logLine() {
        String token = bearerToken();
        String auth = token == null ? "-" : token.substring(0, Math.min(8, token.length())) + "****";
        return String.format("%s %s [%s] auth=%s", exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                endpoint == null ? "unknown" : endpoint.name(), auth);
    }
}
