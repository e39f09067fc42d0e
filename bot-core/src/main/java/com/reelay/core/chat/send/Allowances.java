package com.reelay.core.chat.send;

import com.reelay.core.chat.Urgency;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The send budget's trailing windows, one per allowance key, made when first needed and forgotten
 * once clear. Calls people wait for may fill a window; progress and refusals only its elastic share.
 */
final class Allowances {

    /** One call's claim on one window, stamped when the call's answer comes. */
    record Claim(TrailingWindow window, TrailingWindow.Use use) {
    }

    private final SendLimits limits;
    private final long marginNanos;
    /** Access order: the eldest are the least recently used, forgotten once clear. */
    private final LinkedHashMap<String, TrailingWindow> windows = new LinkedHashMap<>(64, 0.75f, true);

    Allowances(SendLimits limits) {
        this.limits = limits;
        this.marginNanos = limits.margin().toNanos();
    }

    TrailingWindow window(Allowance a) {
        return windows.computeIfAbsent(a.key(), k -> new TrailingWindow(a, marginNanos));
    }

    /** The window of {@code key}, if a recipient named it (the shared one always exists). */
    TrailingWindow find(String key) {
        TrailingWindow w = windows.get(key);
        return w == null && key.equals(limits.shared().key()) ? window(limits.shared()) : w;
    }

    /** How long until a call of class {@code u} to {@code to} fits every allowance it counts against. */
    long waitNanos(Recipient to, Urgency u, long now) {
        long wait = 0;
        for (Allowance a : to.allowances()) {
            wait = Math.max(wait, window(a).waitNanos(now, cap(a, u)));
        }
        return wait;
    }

    /** The shared allowance has no room left for progress. */
    boolean sharedIsContended(long now) {
        return window(limits.shared()).waitNanos(now, elastic(limits.shared().calls())) > 0;
    }

    List<Claim> claim(Recipient to) {
        List<Claim> claims = new ArrayList<>(to.allowances().size());
        for (Allowance a : to.allowances()) {
            TrailingWindow w = window(a);
            claims.add(new Claim(w, w.take()));
        }
        return claims;
    }

    static void answered(List<Claim> claims, long now) {
        for (Claim c : claims) {
            c.window().answered(c.use(), now);
        }
    }

    /** What people wait for may fill an allowance; progress and refusals only its elastic share. */
    int cap(Allowance a, Urgency u) {
        return SendBudget.rank(u) <= SendBudget.rank(Urgency.ANSWER) ? a.calls() : elastic(a.calls());
    }

    int elastic(int calls) {
        return Math.max(1, (int) Math.floor(calls * limits.elasticShare()));
    }

    /** Forgets the least recently used windows that no longer count anything. */
    void forgetQuiet(long now) {
        for (Iterator<TrailingWindow> it = windows.values().iterator(); it.hasNext(); ) {
            if (!it.next().isClear(now)) {
                break;
            }
            it.remove();
        }
    }
}
