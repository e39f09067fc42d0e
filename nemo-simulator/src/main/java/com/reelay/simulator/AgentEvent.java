package com.reelay.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Something the agent emits during a turn, before it is given one of the two wire shapes. */
sealed interface AgentEvent {

    /** A piece of streaming text. */
    record TextChunk(String text) implements AgentEvent {
    }

    /** The end of a text: ADK repeats the whole text in one non-partial event; typed streams send nothing. */
    record TextDone(String text) implements AgentEvent {
    }

    record ToolCall(String callId, String name, ObjectNode args) implements AgentEvent {
    }

    record ToolResult(String callId, String name, ObjectNode result) implements AgentEvent {
    }

    record Failure(String message) implements AgentEvent {
    }
}
