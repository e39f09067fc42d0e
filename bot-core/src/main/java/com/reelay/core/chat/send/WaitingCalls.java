package com.reelay.core.chat.send;

import com.reelay.core.chat.Urgency;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.TreeSet;

/**
 * The calls waiting in the send budget: each in its recipient's queue of its class, and per class
 * the first waiting call of every recipient, oldest first (the recipient that has waited longest).
 */
final class WaitingCalls {

    private final EnumMap<Urgency, TreeSet<SendCall>> heads = new EnumMap<>(Urgency.class);
    private final int[] waiting = new int[Urgency.values().length];

    WaitingCalls() {
        for (Urgency u : Urgency.values()) {
            heads.put(u, new TreeSet<>(Comparator.comparingLong((SendCall c) -> c.seq)));
        }
    }

    /** The first waiting call of every recipient in class {@code u}, oldest first. */
    Iterable<SendCall> heads(Urgency u) {
        return heads.get(u);
    }

    int waiting(Urgency u) {
        return waiting[u.ordinal()];
    }

    int total() {
        int n = 0;
        for (int w : waiting) {
            n += w;
        }
        return n;
    }

    /** Adds {@code c} to its recipient's queue of its class: at the back, or at the front for a retry. */
    void add(SendCall c, boolean front) {
        ArrayDeque<SendCall> q = c.lane.queue(c.urgency);
        SendCall oldHead = q.peekFirst();
        if (front) {
            q.addFirst(c);
        } else {
            q.addLast(c);
        }
        if (q.peekFirst() != oldHead) {
            if (oldHead != null) {
                heads.get(c.urgency).remove(oldHead);
            }
            heads.get(c.urgency).add(c);
        }
        waiting[c.urgency.ordinal()]++;
        if (c.editOf != null) {
            c.lane.pendingEdits.put(c.editOf, c);
        }
    }

    /** Takes a waiting call out, wherever it is in its queue. */
    void remove(SendCall c) {
        ArrayDeque<SendCall> q = c.lane.queue(c.urgency);
        boolean head = q.peekFirst() == c;
        q.remove(c);
        if (head) {
            heads.get(c.urgency).remove(c);
            if (!q.isEmpty()) {
                heads.get(c.urgency).add(q.peekFirst());
            }
        }
        leave(c);
    }

    /**
     * Takes the first call of its recipient's class out of the queue, leaving the heads as they
     * are (they are being walked): {@link #advance} puts the recipient's next call in its place.
     */
    void take(SendCall head) {
        head.lane.queue(head.urgency).pollFirst();
        leave(head);
    }

    /** After {@link #take}: the recipient's next call of that class, if any, becomes a head. */
    void advance(SendCall taken) {
        heads.get(taken.urgency).remove(taken);
        SendCall next = taken.lane.queue(taken.urgency).peekFirst();
        if (next != null) {
            heads.get(taken.urgency).add(next);
        }
    }

    /** Empties everything; returns what was waiting. */
    List<SendCall> clear(Iterable<SendLane> lanes) {
        List<SendCall> all = new ArrayList<>();
        for (SendLane lane : lanes) {
            lane.queues.values().forEach(all::addAll);
            lane.queues.clear();
        }
        heads.values().forEach(TreeSet::clear);
        java.util.Arrays.fill(waiting, 0);
        return all;
    }

    private void leave(SendCall c) {
        waiting[c.urgency.ordinal()]--;
        if (c.editOf != null) {
            c.lane.pendingEdits.remove(c.editOf, c);
        }
    }
}
