package com.reelay.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A tiny NemoVideo client for tests: one token, the three attribution headers, JSON in and out. */
final class Api {
    static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final OkHttpClient SHARED = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(20)).build();

    final String baseUrl;
    final OkHttpClient http;
    String token;
    final Map<String, String> headers = new LinkedHashMap<>();

    Api(String baseUrl, String token) {
        this(baseUrl, token, SHARED);
    }

    Api(String baseUrl, String token, OkHttpClient http) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.http = http;
        headers.put("X-Skill-Source", "ai-video-generator-free-canva");
        headers.put("X-Skill-Version", "1.0.0");
        headers.put("X-Skill-Platform", "clawhub");
    }

    static Api of(NemoSimulator sim, String token) {
        return new Api(sim.baseUrl(), token);
    }

    /** Registers a user with these credits and returns a client for it. */
    static Api registered(NemoSimulator sim, String token, long credits) {
        sim.registerUser(token, credits);
        return of(sim, token);
    }

    Api withTimeout(Duration readTimeout) {
        Api copy = new Api(baseUrl, token, http.newBuilder().readTimeout(readTimeout).build());
        copy.headers.clear();
        copy.headers.putAll(headers);
        return copy;
    }

    /** The answer to one call: status, headers, body text (and its JSON). */
    record Result(int status, okhttp3.Headers headers, String body) {
        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        JsonNode data() {
            return json().path("data");
        }

        int code() {
            return json().path("code").asInt(-1);
        }

        String header(String name) {
            return headers.get(name);
        }
    }

    Result get(String path) {
        return call(request(path).get().build());
    }

    Result post(String path, String json) {
        return call(request(path).post(RequestBody.create(json, JSON)).build());
    }

    Result post(String path, JsonNode json) {
        return post(path, json.toString());
    }

    Result post(String path, RequestBody body) {
        return call(request(path).post(body).build());
    }

    Result call(Request request) {
        try (Response response = http.newCall(request).execute()) {
            return new Result(response.code(), response.headers(), response.body().string());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Request.Builder request(String path) {
        Request.Builder b = new Request.Builder().url(baseUrl + path);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        return b;
    }

    // ---- the contract's calls ----

    static Result anonymousToken(String baseUrl, String clientId, String forwardedFor) {
        Request.Builder b = new Request.Builder().url(baseUrl + "/api/auth/anonymous-token")
                .post(RequestBody.create("", JSON));
        if (clientId != null) {
            b.header("X-Client-Id", clientId);
        }
        if (forwardedFor != null) {
            b.header("X-Forwarded-For", forwardedFor);
        }
        return new Api(baseUrl, null).call(b.build());
    }

    String newSession(String language) {
        Result r = post("/api/tasks/me/with-session/nemo_agent",
                "{\"task_name\":\"project\",\"language\":\"" + language + "\"}");
        if (r.status() != 200 || r.code() != 0) {
            throw new AssertionError("session not created: " + r);
        }
        return r.data().path("session_id").asText();
    }

    String newSession() {
        return newSession("en");
    }

    static String chatBody(String sessionId, String text) {
        ObjectNode body = MAPPER.createObjectNode().put("app_name", "nemo_agent").put("user_id", "me").put("session_id", sessionId);
        body.putObject("new_message").putArray("parts").addObject().put("text", text);
        return body.toString();
    }

    Request chatRequest(String sessionId, String text) {
        return request("/run_sse").header("Accept", "text/event-stream")
                .post(RequestBody.create(chatBody(sessionId, text), JSON)).build();
    }

    /** Sends a chat message and reads the stream to its end. */
    SseTranscript chat(String sessionId, String text) {
        try (SseReader reader = SseReader.open(http, chatRequest(sessionId, text))) {
            return reader.readToEnd();
        }
    }

    /** Sends a chat message, expecting a JSON refusal instead of a stream. */
    Result chatRefused(String sessionId, String text) {
        return call(chatRequest(sessionId, text));
    }

    Result credits() {
        return get("/api/credits/balance/simple");
    }

    JsonNode state(String sessionId) {
        Result r = get("/api/state/nemo_agent/me/" + sessionId + "/latest");
        if (r.code() != 0) {
            throw new AssertionError("no state: " + r);
        }
        return r.data().path("state");
    }

    Result startRender(String renderId, String sessionId, JsonNode draft) {
        ObjectNode body = MAPPER.createObjectNode().put("id", renderId).put("sessionId", sessionId);
        body.set("draft", draft);
        body.putObject("output").put("format", "mp4").put("quality", "high");
        return post("/api/render/proxy/lambda", body);
    }

    Result renderStatus(String renderId) {
        return get("/api/render/proxy/lambda/" + renderId);
    }

    /** Runs {@code change} on a copy without one attribution header, for instance. */
    Api with(Consumer<Map<String, String>> change) {
        Api copy = new Api(baseUrl, token, http);
        copy.headers.clear();
        copy.headers.putAll(headers);
        change.accept(copy.headers);
        return copy;
    }
}
