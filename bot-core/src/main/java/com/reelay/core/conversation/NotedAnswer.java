package com.reelay.core.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.reelay.core.chat.Action;
import com.reelay.core.chat.Button;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The final reply a running request handed to the platform, as the store keeps it
 * ({@link com.reelay.core.store.ReelayStore#noteAnswer}): the next owner after a crash repeats it
 * in the same message, which reads once whether or not the first one got out.
 */
record NotedAnswer(String text, List<Button> buttons) {

    private static final ObjectMapper JSON = new ObjectMapper();

    NotedAnswer {
        buttons = List.copyOf(buttons);
    }

    /** JSON: {"text": …, "buttons": [{"label": …, "action": action id}, …]}. */
    String encoded() {
        List<Map<String, String>> kept = new ArrayList<>();
        for (Button b : buttons) {
            Map<String, String> button = new LinkedHashMap<>();
            button.put("label", b.label());
            button.put("action", b.action().id());
            kept.add(button);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("text", text);
        answer.put("buttons", kept);
        try {
            return JSON.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("strings and lists always serialise", e);
        }
    }

    /** The answer {@link #encoded} wrote; empty for nothing noted or what another version wrote. */
    static Optional<NotedAnswer> decode(String encoded) {
        JsonNode json;
        try {
            json = encoded == null || encoded.isBlank() ? null : JSON.readTree(encoded);
        } catch (JsonProcessingException e) {
            json = null;
        }
        if (json == null || !json.path("text").isTextual()) {
            return Optional.empty();
        }
        List<Button> buttons = new ArrayList<>();
        for (JsonNode b : json.path("buttons")) {
            Optional<Action> action = Action.fromId(b.path("action").asText(null));
            String label = b.path("label").asText("");
            if (action.isEmpty() || label.isBlank()) {
                continue; // a button this version cannot read is left off, the text still goes
            }
            buttons.add(new Button(label, action.get()));
        }
        return Optional.of(new NotedAnswer(json.path("text").asText(), buttons));
    }
}
