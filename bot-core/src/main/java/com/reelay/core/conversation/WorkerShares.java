package com.reelay.core.conversation;

import com.reelay.core.chat.ChatRef;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** How many of the shared workers each chat holds at once, capped so one chat cannot starve the others. */
final class WorkerShares {

    private final int perChat;
    private final Map<String, Integer> held = new ConcurrentHashMap<>();

    WorkerShares(int perChat) {
        this.perChat = perChat;
    }

    /** Takes one share for {@code chat}; false when the chat already holds its cap. */
    boolean tryTake(ChatRef chat) {
        boolean[] taken = new boolean[1];
        held.compute(chat.key(), (key, n) -> {
            int now = n == null ? 0 : n;
            taken[0] = now < perChat;
            return taken[0] ? now + 1 : now == 0 ? null : now;
        });
        return taken[0];
    }

    void release(ChatRef chat) {
        held.computeIfPresent(chat.key(), (key, n) -> n <= 1 ? null : n - 1);
    }
}
