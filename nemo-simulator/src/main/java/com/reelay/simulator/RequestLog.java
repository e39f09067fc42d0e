package com.reelay.simulator;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What tests inspect: the received requests (the newest {@code capacity}), exact counts per endpoint
 * (never trimmed), and the chat messages the agent accepted per session.
 */
final class RequestLog {
    private final int capacity;
    private final ConcurrentLinkedDeque<RecordedRequest> recent = new ConcurrentLinkedDeque<>();
    private final AtomicInteger size = new AtomicInteger();
    private final Map<Endpoint, LongAdder> counts = new EnumMap<>(Endpoint.class);
    private final LongAdder unmatched = new LongAdder();
    private final Map<String, List<String>> acceptedMessages = new ConcurrentHashMap<>();

    RequestLog(int capacity) {
        this.capacity = capacity;
        for (Endpoint e : Endpoint.values()) {
            counts.put(e, new LongAdder());
        }
    }

    void record(RecordedRequest request) {
        if (request.endpoint() == null) {
            unmatched.increment();
        } else {
            counts.get(request.endpoint()).increment();
        }
        if (capacity <= 0) {
            return;
        }
        recent.addLast(request);
        if (size.incrementAndGet() > capacity && recent.pollFirst() != null) {
            size.decrementAndGet();
        }
    }

    List<RecordedRequest> all() {
        return List.copyOf(recent);
    }

    List<RecordedRequest> of(Endpoint endpoint) {
        List<RecordedRequest> out = new ArrayList<>();
        for (RecordedRequest r : recent) {
            if (r.endpoint() == endpoint) {
                out.add(r);
            }
        }
        return out;
    }

    long count(Endpoint endpoint) {
        return counts.get(endpoint).sum();
    }

    long unmatchedCount() {
        return unmatched.sum();
    }

    void chatAccepted(String sessionId, String message) {
        acceptedMessages.computeIfAbsent(sessionId, k -> new CopyOnWriteArrayList<>()).add(message);
    }

    List<String> chatMessages(String sessionId) {
        List<String> messages = acceptedMessages.get(sessionId);
        return messages == null ? List.of() : List.copyOf(messages);
    }
}
