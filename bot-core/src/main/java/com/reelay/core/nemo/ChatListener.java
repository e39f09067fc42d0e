package com.reelay.core.nemo;

/** Receives a chat stream's events as they arrive, on a client thread; must not block. */
@FunctionalInterface
public interface ChatListener {

    void onEvent(AgentEvent event);
}
