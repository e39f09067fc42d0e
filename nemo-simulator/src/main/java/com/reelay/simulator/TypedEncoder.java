package com.reelay.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Simple typed events. Text events are deltas to append (there is no final repeat in this shape);
 * errors arrive as {@code {"error":"…"}}.
 */
final class TypedEncoder implements EventEncoder {

    @Override
    public List<String> encode(AgentEvent event) {
        if (event instanceof AgentEvent.TextChunk) {
            return one(Json.object().put("type", "text").put("content", ((AgentEvent.TextChunk) event).text()));
        }
        if (event instanceof AgentEvent.TextDone) {
            return List.of();
        }
        if (event instanceof AgentEvent.ToolCall) {
            AgentEvent.ToolCall call = (AgentEvent.ToolCall) event;
            ObjectNode e = Json.object().put("type", "tool_call").put("name", call.name());
            e.set("args", call.args());
            return one(e);
        }
        if (event instanceof AgentEvent.ToolResult) {
            AgentEvent.ToolResult result = (AgentEvent.ToolResult) event;
            ObjectNode e = Json.object().put("type", "tool_result").put("name", result.name());
            e.set("result", result.result());
            return one(e);
        }
        return one(Json.object().put("error", ((AgentEvent.Failure) event).message()));
    }

    @Override
    public String heartbeat(long n) {
        switch ((int) (n % 3)) {
            case 0:
                return COMMENT_HEARTBEAT;
            case 1:
                return EMPTY_DATA_HEARTBEAT;
            default:
                return EventEncoder.frame("{\"type\":\"heartbeat\"}");
        }
    }

    private static List<String> one(ObjectNode e) {
        return List.of(EventEncoder.frame(Json.write(e)));
    }
}
