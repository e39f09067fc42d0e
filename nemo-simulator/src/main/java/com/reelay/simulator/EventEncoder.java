package com.reelay.simulator;

import java.util.List;

/** Gives agent events one of the two wire shapes, as complete SSE frames ({@code data: …\n\n}). */
interface EventEncoder {

    /** Zero or more frames for one event (typed streams send nothing for {@link AgentEvent.TextDone}). */
    List<String> encode(AgentEvent event);

    /** The n-th keep-alive: a comment line, an empty {@code data:} line, or (typed) a heartbeat event. */
    String heartbeat(long n);

    String COMMENT_HEARTBEAT = ": keep-alive\n\n";
    String EMPTY_DATA_HEARTBEAT = "data:\n\n";

    static String frame(String json) {
        return "data: " + json + "\n\n";
    }
}
