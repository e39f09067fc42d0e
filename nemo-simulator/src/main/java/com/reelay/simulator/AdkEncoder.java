package com.reelay.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Google ADK style events. Text streams as {@code "partial":true} chunks followed by one final event
 * (no {@code partial} field) that repeats the whole text. Function responses carry role "user", as ADK does.
 */
final class AdkEncoder implements EventEncoder {
    static final String AUTHOR = "nemo_agent";

    private final IdSource ids;
    private final Clock clock;
    private final String invocationId;

    AdkEncoder(IdSource ids, Clock clock) {
        this.ids = ids;
        this.clock = clock;
        this.invocationId = "e-" + ids.uuid();
    }

    @Override
    public List<String> encode(AgentEvent event) {
        if (event instanceof AgentEvent.TextChunk) {
            ObjectNode e = event("model");
            parts(e).addObject().put("text", ((AgentEvent.TextChunk) event).text());
            e.put("partial", true);
            return List.of(EventEncoder.frame(Json.write(e)));
        }
        if (event instanceof AgentEvent.TextDone) {
            ObjectNode e = event("model");
            parts(e).addObject().put("text", ((AgentEvent.TextDone) event).text());
            return List.of(EventEncoder.frame(Json.write(e)));
        }
        if (event instanceof AgentEvent.ToolCall) {
            AgentEvent.ToolCall call = (AgentEvent.ToolCall) event;
            ObjectNode e = event("model");
            ObjectNode fc = parts(e).addObject().putObject("functionCall");
            fc.put("id", call.callId()).put("name", call.name()).set("args", call.args());
            return List.of(EventEncoder.frame(Json.write(e)));
        }
        if (event instanceof AgentEvent.ToolResult) {
            AgentEvent.ToolResult result = (AgentEvent.ToolResult) event;
            ObjectNode e = event("user");
            ObjectNode fr = parts(e).addObject().putObject("functionResponse");
            fr.put("id", result.callId()).put("name", result.name()).set("response", result.result());
            return List.of(EventEncoder.frame(Json.write(e)));
        }
        AgentEvent.Failure failure = (AgentEvent.Failure) event;
        ObjectNode e = Json.object().put("errorCode", "AGENT_ERROR").put("errorMessage", failure.message());
        stamp(e);
        return List.of(EventEncoder.frame(Json.write(e)));
    }

    @Override
    public String heartbeat(long n) {
        return n % 2 == 0 ? COMMENT_HEARTBEAT : EMPTY_DATA_HEARTBEAT;
    }

    private ObjectNode event(String role) {
        ObjectNode e = Json.object();
        ObjectNode content = e.putObject("content").put("role", role);
        content.putArray("parts");
        stamp(e);
        return e;
    }

    private void stamp(ObjectNode e) {
        Instant now = clock.instant();
        e.put("author", AUTHOR).put("id", ids.uuid()).put("invocationId", invocationId)
                .put("timestamp", BigDecimal.valueOf(now.toEpochMilli(), 3)); // seconds, as ADK sends them
    }

    private static ArrayNode parts(ObjectNode event) {
        return (ArrayNode) event.get("content").get("parts");
    }
}
