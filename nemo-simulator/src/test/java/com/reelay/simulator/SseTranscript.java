package com.reelay.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Everything one chat stream sent, in order, with the questions tests ask of it. */
final class SseTranscript {

    record Frame(String comment, String data) {
        static Frame comment(String line) {
            return new Frame(line, null);
        }

        static Frame data(String data) {
            return new Frame(null, data);
        }

        boolean isComment() {
            return comment != null;
        }

        boolean isEmptyData() {
            return data != null && data.isEmpty();
        }

        JsonNode json() {
            try {
                return Api.MAPPER.readTree(data);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + data, e);
            }
        }

        boolean isTypedHeartbeat() {
            return data != null && !data.isEmpty() && "heartbeat".equals(json().path("type").asText());
        }

        boolean isHeartbeat() {
            return isComment() || isEmptyData() || isTypedHeartbeat();
        }

        boolean isContent() {
            return !isHeartbeat();
        }
    }

    final List<Frame> frames = new ArrayList<>();

    Frame add(Frame f) {
        frames.add(f);
        return f;
    }

    List<JsonNode> events() {
        List<JsonNode> out = new ArrayList<>();
        for (Frame f : frames) {
            if (f.isContent()) {
                out.add(f.json());
            }
        }
        return out;
    }

    long heartbeats() {
        return frames.stream().filter(Frame::isHeartbeat).count();
    }

    static boolean isAdk(JsonNode e) {
        return e.has("content") && e.get("content").isObject();
    }

    /** Text a person should see, once: ADK partial chunks (finals are repeats), or typed text deltas. */
    String text() {
        StringBuilder sb = new StringBuilder();
        for (JsonNode e : events()) {
            if (isAdk(e)) {
                if (e.path("partial").asBoolean(false)) {
                    for (JsonNode part : e.path("content").path("parts")) {
                        sb.append(part.path("text").asText(""));
                    }
                }
            } else if ("text".equals(e.path("type").asText())) {
                sb.append(e.path("content").asText());
            }
        }
        return sb.toString();
    }

    boolean hasText() {
        for (JsonNode e : events()) {
            if (isAdk(e)) {
                for (JsonNode part : e.path("content").path("parts")) {
                    if (part.has("text")) {
                        return true;
                    }
                }
            } else if ("text".equals(e.path("type").asText())) {
                return true;
            }
        }
        return false;
    }

    /** Tool names of the calls, in either shape. */
    List<String> toolCalls() {
        List<String> names = new ArrayList<>();
        for (JsonNode e : events()) {
            if (isAdk(e)) {
                for (JsonNode part : e.path("content").path("parts")) {
                    if (part.has("functionCall")) {
                        names.add(part.path("functionCall").path("name").asText());
                    }
                }
            } else if ("tool_call".equals(e.path("type").asText())) {
                names.add(e.path("name").asText());
            }
        }
        return names;
    }

    /** The args of the first tool call, in either shape. */
    JsonNode firstToolArgs() {
        for (JsonNode e : events()) {
            if (isAdk(e)) {
                for (JsonNode part : e.path("content").path("parts")) {
                    if (part.has("functionCall")) {
                        return part.path("functionCall").path("args");
                    }
                }
            } else if ("tool_call".equals(e.path("type").asText())) {
                return e.path("args");
            }
        }
        return null;
    }
}
