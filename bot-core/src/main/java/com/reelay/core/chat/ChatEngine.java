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

    /**
     * Tells a person the front end could not use what they sent (a voice note, a file too big for
     * the platform), through the same counted, budgeted output as every other message. It is an
     * answer to the person, not a refusal of a stranger: it is never dropped.
     */
    void answerUnusable(ChatRef chat, String requestId, String text);
}
