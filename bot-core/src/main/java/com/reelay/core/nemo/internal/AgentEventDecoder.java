package com.reelay.core.nemo.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.reelay.core.nemo.AgentEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the {@code data} of each chat stream event into {@link AgentEvent}s. One decoder per
 * stream: it remembers the text already emitted so that nothing reaches the person twice.
 *
 * <h2>Shapes</h2>
 * <ul>
 *   <li>Agent-framework (ADK) events: {@code content.parts[]} with {@code text},
 *       {@code functionCall{id,name,args}} or {@code functionResponse{id,name,response}};
 *       {@code partial:true} marks streamed chunks. Parts marked {@code thought:true} and events
 *       of role {@code user} are not the agent's answer and are skipped.</li>
 *   <li>Typed events: {@code {"type":"text","content"}} (each one a new piece of text),
 *       {@code tool_call}, {@code tool_result}, {@code heartbeat}, {@code error}.</li>
 *   <li>Errors: {@code {"error":…}}, {@code errorCode}/{@code errorMessage}, or a typed
 *       {@code error} event: reported as {@link StreamError}.</li>
 *   <li>An empty {@code data:} line is a heartbeat; data that is not JSON is skipped.</li>
 * </ul>
 *
 * <h2>Partial text and the final repeat</h2>
 * Each {@code partial:true} chunk is emitted as it comes and remembered as "shown". The next
 * non-partial event with text closes the run: its text is compared with what was shown and only
 * what is new is emitted, then "shown" starts afresh:
 * <ol>
 *   <li>nothing was shown: the final text is emitted whole (a non-streamed answer);</li>
 *   <li>the final text starts with what was shown: only the rest is emitted (usually nothing);</li>
 *   <li>what was shown starts with, or ends with, the final text: nothing is emitted (the final
 *       repeats the run, or the last turn of it);</li>
 *   <li>otherwise they diverge: the final text after the longest common prefix is emitted, so no
 *       character already shown is shown again.</li>
 * </ol>
 * Non-partial events without text (tool calls) do not close a run. A tool call or result whose
 * id was already reported is not reported again.
 *
 * <h2>Turns</h2>
 * Text that follows a closed run or a tool call/result is the agent's next turn ("On it!" …
 * tool … "Your video is ready"): when the text before it ended a sentence, it starts a new
 * paragraph instead of running into it; mid-sentence pieces still join.
 */
public final class AgentEventDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(AgentEventDecoder.class);
    private static final List<AgentEvent> HEARTBEAT = List.of(new AgentEvent.Heartbeat());

    private final StringBuilder shown = new StringBuilder();
    /** The last character emitted (0: none yet): a new turn after a finished sentence is a new paragraph. */
    private char lastChar;
    private boolean newTurn;
    private final java.util.Set<String> seenCalls = new java.util.HashSet<>();
    private final java.util.Set<String> seenResults = new java.util.HashSet<>();

    /** An error the agent reported inside the stream. */
    public static final class StreamError extends Exception {
        private final ServiceError error;

        StreamError(ServiceError error) {
            super("code " + error.code(), null, false, false);
            this.error = error;
        }

        public ServiceError error() {
            return error;
        }
    }

    /** The events one {@code data} payload carries, in order (possibly none). */
    public List<AgentEvent> decode(String data) throws StreamError {
        if (data == null || data.isBlank()) {
            return HEARTBEAT;
        }
        JsonNode event = Json.parse(data).orElse(null);
        if (event == null || !event.isObject()) {
            LOG.debug("skipping a stream event that is not a JSON object ({} chars)", data.length());
            return List.of();
        }
        checkError(event);
        JsonNode type = event.get("type");
        if (type != null && type.isTextual()) {
            return typed(type.asText().toLowerCase(Locale.ROOT), event);
        }
        JsonNode content = event.get("content");
        if (content != null && content.isObject()) {
            return framework(event, content);
        }
        return List.of();
    }

    private static void checkError(JsonNode event) throws StreamError {
        JsonNode error = event.get("error");
        boolean hasError = Json.present(error) && !(error.isBoolean() && !error.asBoolean())
                && !(error.isTextual() && error.asText().isBlank());
        boolean hasCode = Json.present(event.get("errorCode")) || Json.present(event.get("errorMessage"));
        boolean typedError = "error".equalsIgnoreCase(Json.text(event, "type"));
        if (!hasError && !hasCode && !typedError) {
            return;
        }
        Integer code = Envelope.codeOf(event.get("errorCode"));
        String message = Json.firstText(event, "errorMessage", "message", "content");
        JsonNode data = event.get("data");
        if (hasError && error.isObject()) {
            if (code == null) {
                code = Envelope.codeOf(error.get("code"));
            }
            if (message == null) {
                message = Json.firstText(error, "message", "msg");
            }
            if (!Json.present(data)) {
                data = error.get("data");
            }
        } else if (hasError && message == null) {
            message = error.asText();
        }
        if (code == null) {
            code = Envelope.codeOf(event.get("code"));
        }
        throw new StreamError(new ServiceError(code == null ? 0 : code, 200, message, data, null));
    }

    private List<AgentEvent> typed(String type, JsonNode event) {
        switch (type) {
            case "text": {
                String text = Json.firstText(event, "content", "text");
                return text == null || text.isEmpty() ? List.of() : List.of(chunk(text));
            }
            case "tool_call":
                newTurn = true;
                return List.of(new AgentEvent.ToolCall(Json.text(event, "id"), Json.text(event, "name"),
                        Json.orNull(firstPresent(event, "args", "arguments"))));
            case "tool_result":
                newTurn = true;
                return List.of(new AgentEvent.ToolResult(Json.text(event, "id"), Json.text(event, "name"),
                        Json.orNull(firstPresent(event, "result", "response", "content", "output"))));
            case "heartbeat":
            case "ping":
            case "keepalive":
                return HEARTBEAT;
            default:
                return List.of();
        }
    }

    private List<AgentEvent> framework(JsonNode event, JsonNode content) {
        if ("user".equalsIgnoreCase(Json.text(content, "role"))) {
            return List.of();
        }
        boolean partial = event.path("partial").asBoolean(false);
        List<AgentEvent> events = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        boolean hasText = false;
        JsonNode parts = content.path("parts");
        if (parts.isArray()) {
            for (JsonNode part : parts) {
                if (part.has("text") && part.get("text").isTextual()) {
                    if (!part.path("thought").asBoolean(false)) {
                        text.append(part.get("text").asText());
                        hasText = true;
                    }
                } else if (part.path("functionCall").isObject()) {
                    JsonNode call = part.get("functionCall");
                    if (repeated(seenCalls, Json.text(call, "id"))) {
                        continue;
                    }
                    events.add(new AgentEvent.ToolCall(Json.text(call, "id"), Json.text(call, "name"),
                            Json.orNull(call.get("args"))));
                } else if (part.path("functionResponse").isObject()) {
                    JsonNode response = part.get("functionResponse");
                    if (repeated(seenResults, Json.text(response, "id"))) {
                        continue;
                    }
                    events.add(new AgentEvent.ToolResult(Json.text(response, "id"), Json.text(response, "name"),
                            Json.orNull(response.get("response"))));
                }
            }
        }
        if (hasText) {
            String fresh = partial ? partial(text.toString()) : closing(text.toString());
            if (!fresh.isEmpty()) {
                events.add(0, chunk(fresh));
            }
            if (!partial) {
                newTurn = true;
            }
        }
        if (events.stream().anyMatch(e -> !(e instanceof AgentEvent.TextChunk))) {
            newTurn = true;
        }
        return events.isEmpty() ? List.of() : events;
    }

    /** A text chunk, opening a new paragraph when it starts the agent's next turn. */
    private AgentEvent.TextChunk chunk(String text) {
        String out = text;
        if (newTurn && lastChar != 0 && ".!?…。！？:：".indexOf(lastChar) >= 0 && !Character.isWhitespace(text.charAt(0))) {
            out = "\n\n" + text;
        }
        newTurn = false;
        lastChar = out.charAt(out.length() - 1);
        return new AgentEvent.TextChunk(out);
    }

    private String partial(String text) {
        shown.append(text);
        return text;
    }

    /** Applies the rules in the class comment to a non-partial event's text. */
    private String closing(String text) {
        String before = shown.toString();
        shown.setLength(0);
        if (before.isEmpty() || text.startsWith(before)) {
            return text.substring(before.length());
        }
        if (before.startsWith(text) || before.endsWith(text)) {
            return "";
        }
        int common = 0;
        int limit = Math.min(before.length(), text.length());
        while (common < limit && before.charAt(common) == text.charAt(common)) {
            common++;
        }
        return text.substring(common);
    }

    /** True when a tool call (or result) with this id was already reported: a final event may repeat it. */
    private static boolean repeated(java.util.Set<String> seen, String id) {
        return id != null && !id.isBlank() && !seen.add(id);
    }

    private static JsonNode firstPresent(JsonNode node, String... fields) {
        for (String field : fields) {
            if (Json.present(node.get(field))) {
                return node.get(field);
            }
        }
        return NullNode.getInstance();
    }
}
