package com.reelay.bench;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.HashMap;
import java.util.Map;

/** The engine's own counts (Micrometer) at one moment: stream outcomes and NemoVideo call outcomes. */
record MeterSnapshot(Map<String, Long> streams, Map<String, Long> calls) {

    static MeterSnapshot of(MeterRegistry registry) {
        Map<String, Long> streams = new HashMap<>();
        for (Timer t : registry.find("reelay.nemo.stream").timers()) {
            streams.merge(t.getId().getTag("outcome"), t.count(), Long::sum);
        }
        Map<String, Long> calls = new HashMap<>();
        for (Counter c : registry.find("reelay.nemo.calls").counters()) {
            calls.merge(c.getId().getTag("endpoint") + " " + c.getId().getTag("outcome"), (long) c.count(), Long::sum);
        }
        return new MeterSnapshot(streams, calls);
    }

    /** Streams that ended with the reply (text or none) since {@code before}. */
    long streamsOk(MeterSnapshot before) {
        return delta(streams, before.streams, "text") + delta(streams, before.streams, "no_text");
    }

    /** Streams that ended any other way (broken, timed out, refused…) since {@code before}, by outcome. */
    Map<String, Long> streamErrors(MeterSnapshot before) {
        Map<String, Long> out = new HashMap<>();
        streams.forEach((outcome, n) -> {
            long d = n - before.streams.getOrDefault(outcome, 0L);
            if (d > 0 && !outcome.equals("text") && !outcome.equals("no_text")) {
                out.put(outcome, d);
            }
        });
        return out;
    }

    /** NemoVideo calls that did not answer success since {@code before}, by endpoint and outcome. */
    Map<String, Long> callErrors(MeterSnapshot before) {
        Map<String, Long> out = new HashMap<>();
        calls.forEach((key, n) -> {
            long d = n - before.calls.getOrDefault(key, 0L);
            if (d > 0 && !key.endsWith(" 0")) {
                out.put(key, d);
            }
        });
        return out;
    }

    private static long delta(Map<String, Long> now, Map<String, Long> before, String key) {
        return now.getOrDefault(key, 0L) - before.getOrDefault(key, 0L);
    }
}
