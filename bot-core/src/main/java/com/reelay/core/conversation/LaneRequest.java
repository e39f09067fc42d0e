package com.reelay.core.conversation;

import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.ChatUser;

/**
 * A request that waits for its chat's turn. While it waits it is also kept in the store
 * ({@code storedId} its row, 0 while not stored) so a restart does not lose it.
 */
final class LaneRequest {

    private final ChatRef chat;
    private final ChatUser user;
    private final String requestId;
    private final Intent intent;
    private volatile long storedId;
    private final boolean oneToOne;
    private final long acceptedNanos = System.nanoTime();

    LaneRequest(ChatRef chat, ChatUser user, String requestId, Intent intent, long storedId) {
        this(chat, user, requestId, intent, storedId, false);
    }

    LaneRequest(ChatRef chat, ChatUser user, String requestId, Intent intent, long storedId, boolean oneToOne) {
        this.oneToOne = oneToOne;
        this.chat = chat;
        this.user = user;
        this.requestId = requestId;
        this.intent = intent;
        this.storedId = storedId;
    }

    ChatRef chat() {
        return chat;
    }

    ChatUser user() {
        return user;
    }

    String requestId() {
        return requestId;
    }

    Intent intent() {
        return intent;
    }

    /** When the engine took the request ({@link System#nanoTime()}), for the reaction-time metric. */
    long acceptedNanos() {
        return acceptedNanos;
    }

    /** Whether only the person reads this chat (a request resumed after a restart counts as shared). */
    boolean oneToOne() {
        return oneToOne;
    }

    long storedId() {
        return storedId;
    }

    void storedAs(long id) {
        storedId = id;
    }
}
