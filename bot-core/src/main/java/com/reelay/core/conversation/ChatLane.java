package com.reelay.core.conversation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One chat's requests, one at a time and in order. Only the engine's lane map touches a lane
 * (inside its atomic compute calls), which is what keeps offer/next/idle free of races.
 */
final class ChatLane {

    private final ArrayDeque<LaneRequest> waiting = new ArrayDeque<>();
    private LaneRequest running;

    /** Returned by {@link #offer} when the line is full: the request was not taken. */
    static final int FULL = -1;

    /** Whether {@link #offer} would take a request that has to wait (the lane is busy and has room). */
    boolean wouldQueue(int maxWaiting) {
        return running != null && waiting.size() < maxWaiting;
    }

    /** Returns 0 if {@code request} may start now, else its place in line (1 = next), or {@link #FULL}. */
    int offer(LaneRequest request, int maxWaiting) {
        if (running == null) {
            running = request;
            return 0;
        }
        if (waiting.size() >= maxWaiting) {
            return FULL;
        }
        waiting.add(request);
        return waiting.size();
    }

    /** The running request finished: returns the next one to start (now running), or null if idle. */
    LaneRequest next() {
        running = waiting.poll();
        return running;
    }

    /** Drops every waiting request and returns them. */
    List<LaneRequest> dropWaiting() {
        List<LaneRequest> dropped = new ArrayList<>(waiting);
        waiting.clear();
        return dropped;
    }

    boolean isRunning() {
        return running != null;
    }
}
