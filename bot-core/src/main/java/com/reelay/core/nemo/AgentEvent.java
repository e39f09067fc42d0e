package com.reelay.core.nemo;

import com.fasterxml.jackson.databind.JsonNode;

/** What the agent's chat stream tells us, already de-duplicated and typed. */
public sealed interface AgentEvent {

    /** New text for the person, in order; concatenating all chunks gives the whole reply. */
    record TextChunk(String text) implements AgentEvent {
    }

    /** The agent started a tool (e.g. {@code generate_video_with_seedance}); never shown verbatim. */
    record ToolCall(String id, String name, JsonNode args) implements AgentEvent {
    }

    /** A tool finished; never shown verbatim. */
    record ToolResult(String id, String name, JsonNode result) implements AgentEvent {
    }

    /** A heartbeat, comment or empty data line: the agent is still working. */
    record Heartbeat() implements AgentEvent {
    }
}
