package com.reelay.simulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Scripted misbehaviour. Request faults apply, in the order they were scripted, to the next
 * requests of one endpoint; stream faults to the next accepted {@code /run_sse} streams.
 *
 * <pre>{@code
 * sim.faults().next(2, Endpoint.CREDITS).respondCode(1001)
 *             .next(Endpoint.RUN_SSE).rateLimit(Duration.ofSeconds(30));
 * sim.faults().nextStream().dropAfter(3);
 * }</pre>
 */
public final class Faults {
    private final Map<Endpoint, Deque<Pending<RequestFault>>> requestFaults = new EnumMap<>(Endpoint.class);
    private final Deque<Pending<StreamFault>> streamFaults = new ArrayDeque<>();
    private final Deque<String> nextRenderFailures = new ArrayDeque<>();
    private String allRendersFailure;

    Faults() {
    }

    /** Scripts the next {@code times} requests to {@code endpoint}. */
    public NextRequests next(int times, Endpoint endpoint) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1");
        }
        return new NextRequests(times, Objects.requireNonNull(endpoint));
    }

    public NextRequests next(Endpoint endpoint) {
        return next(1, endpoint);
    }

    /** Scripts the next accepted chat stream. */
    public NextStreams nextStream() {
        return nextStreams(1);
    }

    public NextStreams nextStreams(int times) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1");
        }
        return new NextStreams(times);
    }

    /** Every render started from now on fails halfway through processing, until {@link #clear()}. */
    public synchronized Faults failRenders() {
        allRendersFailure = "render failed: simulated renderer outage";
        return this;
    }

    /** The next render started fails halfway through processing with {@code reason} as its error. */
    public synchronized Faults failNextRender(String reason) {
        nextRenderFailures.add(Objects.requireNonNull(reason));
        return this;
    }

    /** Forgets every scripted fault that has not fired yet. */
    public synchronized void clear() {
        requestFaults.clear();
        streamFaults.clear();
        nextRenderFailures.clear();
        allRendersFailure = null;
    }

    /** How many scripted request and stream faults have yet to fire. */
    public synchronized int pending() {
        int n = 0;
        for (Deque<Pending<RequestFault>> queue : requestFaults.values()) {
            for (Pending<RequestFault> p : queue) {
                n += p.remaining;
            }
        }
        for (Pending<StreamFault> p : streamFaults) {
            n += p.remaining;
        }
        return n;
    }

    synchronized RequestFault takeRequestFault(Endpoint endpoint) {
        return take(requestFaults.get(endpoint));
    }

    synchronized StreamFault takeStreamFault() {
        return take(streamFaults);
    }

    /** The failure reason for a render being started now, or null when it should succeed. */
    synchronized String takeRenderFailure() {
        String next = nextRenderFailures.poll();
        return next != null ? next : allRendersFailure;
    }

    private static <T> T take(Deque<Pending<T>> queue) {
        if (queue == null || queue.isEmpty()) {
            return null;
        }
        Pending<T> head = queue.peek();
        if (--head.remaining == 0) {
            queue.poll();
        }
        return head.fault;
    }

    private synchronized Faults addRequestFault(Endpoint endpoint, int times, RequestFault fault) {
        requestFaults.computeIfAbsent(endpoint, e -> new ArrayDeque<>()).add(new Pending<>(fault, times));
        return this;
    }

    private synchronized Faults addStreamFault(int times, StreamFault fault) {
        streamFaults.add(new Pending<>(fault, times));
        return this;
    }

    private static final class Pending<T> {
        final T fault;
        int remaining;

        Pending(T fault, int remaining) {
            this.fault = fault;
            this.remaining = remaining;
        }
    }

    /** What the next requests to one endpoint get instead of (or before) their normal answer. */
    public final class NextRequests {
        private final int times;
        private final Endpoint endpoint;

        private NextRequests(int times, Endpoint endpoint) {
            this.times = times;
            this.endpoint = endpoint;
        }

        /**
         * A code envelope with this error code, at the HTTP status the simulator uses for that code
         * on this endpoint (1001 → 401; 1002 → 404 on run_sse, else 200; 4xx/5xx codes → themselves; others 200).
         */
        public Faults respondCode(int code) {
            return addRequestFault(endpoint, times, RequestFault.code(code, -1));
        }

        public Faults respondCode(int code, int httpStatus) {
            return addRequestFault(endpoint, times, RequestFault.code(code, httpStatus));
        }

        /** This HTTP status with an empty body. */
        public Faults respondHttp(int status) {
            return addRequestFault(endpoint, times, RequestFault.http(status, null));
        }

        /** This HTTP status with this body, sent as JSON. */
        public Faults respondHttp(int status, String body) {
            return addRequestFault(endpoint, times, RequestFault.http(status, Objects.requireNonNull(body)));
        }

        /** Holds the request this long, then answers it normally. Holds an HTTP worker thread meanwhile. */
        public Faults delay(Duration delay) {
            return addRequestFault(endpoint, times, RequestFault.delay(delay));
        }

        /** HTTP 429 with {@code Retry-After} (whole seconds, rounded up) and the endpoint's error envelope. */
        public Faults rateLimit(Duration retryAfter) {
            return addRequestFault(endpoint, times, RequestFault.rateLimit(retryAfter));
        }

        /** Answers normally but without the envelope: only the {@code data} object. */
        public Faults bare() {
            return addRequestFault(endpoint, times, RequestFault.bare());
        }
    }

    /**
     * What the next chat streams do. "Events" counts content frames (text chunks, final texts, tool calls
     * and results), never heartbeats. The agent's work (draft change, credit deduction) still completes on
     * schedule for stall, drop and noText; it is abandoned (credits released) for heartbeatsOnly and errorAfter.
     */
    public final class NextStreams {
        private final int times;

        private NextStreams(int times) {
            this.times = times;
        }

        /** After {@code events} events the connection stays open and nothing more is written, not even heartbeats. */
        public Faults stallAfter(int events) {
            return addStreamFault(times, new StreamFault(StreamFault.Kind.STALL, events, null));
        }

        /** After {@code events} events the connection is cut without the terminating chunk (the client sees an I/O error). */
        public Faults dropAfter(int events) {
            return addStreamFault(times, new StreamFault(StreamFault.Kind.DROP, events, null));
        }

        /** Only heartbeats, until the client disconnects or the simulator closes; no work is done. */
        public Faults heartbeatsOnly() {
            return addStreamFault(times, new StreamFault(StreamFault.Kind.HEARTBEATS_ONLY, 0, null));
        }

        /** Tool events only, no text at all (the draft still changes). */
        public Faults noText() {
            return addStreamFault(times, new StreamFault(StreamFault.Kind.NO_TEXT, 0, null));
        }

        /** After {@code events} events an error event ({@code errorCode}/{@code errorMessage} or {@code {"error":…}}), then close. */
        public Faults errorAfter(int events, String message) {
            return addStreamFault(times, new StreamFault(StreamFault.Kind.ERROR, events, Objects.requireNonNull(message)));
        }
    }
}
