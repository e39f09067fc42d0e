package com.reelay.core.chat.send;

import com.reelay.core.chat.Urgency;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/** One recipient in the send budget: its waiting calls per class, its call in flight, a hold it was given. */
final class SendLane {

    final String key;
    final EnumMap<Urgency, ArrayDeque<SendCall>> queues = new EnumMap<>(Urgency.class);
    /** Waiting edits by the message they edit: a newer edit of one replaces the waiting one. */
    final Map<String, SendCall> pendingEdits = new HashMap<>(4);
    SendCall inFlight;
    long heldUntil = Long.MIN_VALUE;

    SendLane(String key) {
        this.key = key;
    }

    ArrayDeque<SendCall> queue(Urgency u) {
        return queues.computeIfAbsent(u, k -> new ArrayDeque<>(2));
    }

    boolean isEmpty() {
        for (ArrayDeque<SendCall> q : queues.values()) {
            if (!q.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** No call in flight and no hold: only its queue may still keep it. */
    boolean isIdle(long now) {
        return inFlight == null && heldUntil <= now;
    }
}
