package com.reelay.core.conversation;

import java.util.ArrayDeque;

/**
 * Bounds how many requests run at once across all chats; the rest start in arrival order as
 * slots free up. A start must be quick (it hands work to other threads).
 */
final class RequestSlots {

    private final int max;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int inUse;

    RequestSlots(int max) {
        this.max = max;
    }

    void run(Runnable start) {
        synchronized (this) {
            if (inUse >= max) {
                waiting.add(start);
                return;
            }
            inUse++;
        }
        start.run();
    }

    void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                inUse--;
                return;
            }
        }
        next.run();
    }

    synchronized int inUse() {
        return inUse;
    }

    synchronized int waiting() {
        return waiting.size();
    }
}
