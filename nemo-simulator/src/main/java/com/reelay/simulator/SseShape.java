package com.reelay.simulator;

/** Which of the two event shapes of {@code /run_sse} the simulator speaks. */
public enum SseShape {
    /** Google ADK style: {@code {"content":{"role":"model","parts":[…]},"partial":true,…}}. */
    ADK,
    /** Simple typed events: {@code {"type":"text","content":…}}. */
    TYPED,
    /** ADK for the first stream, TYPED for the second, and so on. */
    MIXED
}
