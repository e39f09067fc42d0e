package com.reelay.core.chat;

/** What adapters call: hand over one inbound event; the engine answers through {@link ChatOutput}. */
public interface ChatEngine {

    /** Returns at once; the work happens on the engine's own threads. */
    void accept(Inbound event);
}
