package com.reelay.core.chat;

/**
 * What adapters see of the engine: they register how to speak on their platform, then hand over
 * inbound events; the engine answers through that {@link ChatOutput}.
 */
public interface ChatEngine {

    /** Call before events of {@code platform} arrive. */
    void register(String platform, ChatOutput output);

    /** Returns at once; the work happens on the engine's own threads. */
    void accept(Inbound event);
}
