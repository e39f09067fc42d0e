package com.reelay.core.chat;

import java.util.OptionalLong;

/**
 * Where a front end puts what a platform delivers when several instances share the bot (a
 * fleet): a shared, de-duplicated inbox that the chat's owner reads, wherever the update landed.
 * A lone instance has none and hands updates straight to the engine.
 */
public interface Intake {

    /**
     * Keeps a delivered update durably before the platform is answered. {@code sourceId} is the
     * platform's own id for it (Telegram's update_id), so a redelivery is kept once; false then.
     *
     * @throws RuntimeException when it could not be kept: the platform must be told to deliver again
     */
    boolean offer(String source, String sourceId, String chatKey, String payload);

    /** Whether this instance is the one to poll {@code feed} now: one poller per fleet, moving when it dies. */
    boolean leads(String feed);

    /**
     * This instance could not read {@code feed} for a while (the platform unreachable from here):
     * it stops polling it for a time, so that another instance, which may reach it, polls
     * instead. False when there is no other instance to take over.
     */
    boolean stepDown(String feed);

    /** The next position to read {@code feed} from (Telegram's getUpdates offset), as last saved; empty before the first. */
    OptionalLong position(String feed);

    /** Saves the next position to read {@code feed} from, once what came before it is offered. */
    void savePosition(String feed, long position);
}
