package com.reelay.core.nemo.internal;

import com.reelay.core.nemo.AgentEvent;
import com.reelay.core.nemo.ChatListener;
import com.reelay.core.nemo.ChatReply;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the agent said during one stream: the text and tools for the final reply, each event
 * handed on to the listener, and when the agent last made progress (heartbeats don't count).
 * Called from the one thread reading the stream.
 */
final class ReplyCollector {

    private static final Logger LOG = LoggerFactory.getLogger(ReplyCollector.class);

    private final ChatListener listener;
    private final StringBuilder text = new StringBuilder();
    private final List<String> tools = new ArrayList<>();
    private volatile long lastProgressNanos;

    ReplyCollector(ChatListener listener, long startedNanos) {
        this.listener = listener;
        this.lastProgressNanos = startedNanos;
    }

    void accept(AgentEvent event) {
        if (!(event instanceof AgentEvent.Heartbeat)) {
            lastProgressNanos = System.nanoTime();
        }
        if (event instanceof AgentEvent.TextChunk chunk) {
            text.append(chunk.text());
        } else if (event instanceof AgentEvent.ToolCall call && call.name() != null && !call.name().isBlank()) {
            tools.add(call.name());
        }
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            LOG.warn("chat listener failed on a {} event: {}", event.getClass().getSimpleName(), e.getClass().getName());
        }
    }

    long lastProgressNanos() {
        return lastProgressNanos;
    }

    ChatReply reply() {
        return new ChatReply(text.toString(), tools);
    }
}
