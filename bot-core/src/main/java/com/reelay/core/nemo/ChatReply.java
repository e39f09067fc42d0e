package com.reelay.core.nemo;

import java.util.List;

/**
 * How a chat stream ended: the agent's whole text (empty when it closed with no text, which
 * happens for about a third of edits) and the tools it used, in order.
 */
public record ChatReply(String text, List<String> toolsUsed) {

    public ChatReply {
        text = text == null ? "" : text;
        toolsUsed = List.copyOf(toolsUsed);
    }

    public boolean hasText() {
        return !text.isBlank();
    }
}
