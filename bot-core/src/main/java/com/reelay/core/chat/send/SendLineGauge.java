package com.reelay.core.chat.send;

import com.reelay.core.chat.SendLine;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * Who was refused lately and who shows progress, for the send budget's two rules that look back
 * in time: at most one refusal per recipient per spacing, and progress's fair share.
 */
final class SendLineGauge {

    /** Beyond this many refused people within the spacing it is a flood: refusals stop until it thins. */
    static final int MAX_REMEMBERED_REFUSALS = 100_000;
    /** A recipient that asked for a progress edit this recently counts towards progress's fair share. */
    static final Duration PROGRESS_MEMORY = Duration.ofSeconds(30);

    private final SendLimits limits;
    private final int elasticShared;
    /** Insertion order is time order. */
    private final LinkedHashMap<String, Long> refused = new LinkedHashMap<>();
    private final LinkedHashMap<String, Long> showingProgress = new LinkedHashMap<>();

    SendLineGauge(SendLimits limits, int elasticShared) {
        this.limits = limits;
        this.elasticShared = elasticShared;
    }

    /** Whether a refusal to {@code key} may go now (then it is remembered). */
    boolean admitRefusal(String key, long now, boolean contended) {
        forgetOld(refused, now - limits.refusalSpacing().toNanos());
        if (contended || refused.containsKey(key) || refused.size() >= MAX_REMEMBERED_REFUSALS) {
            return false;
        }
        refused.put(key, now);
        return true;
    }

    void showedProgress(String key, long now) {
        showingProgress.remove(key);
        showingProgress.put(key, now);
    }

    /**
     * The line with {@code ahead} calls people wait for queued: how often one recipient can get a
     * progress edit is the time those take, plus one turn among the recipients showing progress
     * in what the elastic share of the shared allowance leaves.
     */
    SendLine line(int ahead, long now) {
        forgetOld(showingProgress, now - PROGRESS_MEMORY.toNanos());
        Allowance shared = limits.shared();
        if (ahead == 0 && showingProgress.size() <= elasticShared) {
            return new SendLine(0, Duration.ZERO);
        }
        long span = shared.per().plus(limits.margin()).toNanos();
        double turns = ahead / (double) shared.calls() + (showingProgress.size() + 1) / (double) elasticShared;
        return new SendLine(ahead, Duration.ofNanos((long) (span * turns)));
    }

    private static void forgetOld(LinkedHashMap<String, Long> times, long before) {
        for (Iterator<Long> it = times.values().iterator(); it.hasNext(); ) {
            if (it.next() > before) {
                break;
            }
            it.remove();
        }
    }
}
