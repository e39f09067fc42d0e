package com.reelay.simulator;

/** One scripted chat-stream fault; see {@link Faults.NextStreams}. */
record StreamFault(Kind kind, int afterEvents, String message) {

    enum Kind { STALL, DROP, HEARTBEATS_ONLY, NO_TEXT, ERROR }
}
