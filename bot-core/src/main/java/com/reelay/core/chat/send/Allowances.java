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

    /** Instances sharing the bot's shared allowance (a fleet); each uses its share of it. */
    private int sharedBy = 1;

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
        return window(limits.shared()).waitNanos(now, elastic(calls(limits.shared()))) > 0;
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
        int calls = calls(a);
        return SendBudget.rank(u) <= SendBudget.rank(Urgency.ANSWER) ? calls : elastic(calls);
    }

    /** This instance's part of {@code a}: the shared allowance divided among the instances sharing the bot. */
    int calls(Allowance a) {
        return a.key().equals(limits.shared().key()) ? Math.max(1, a.calls() / sharedBy) : a.calls();
    }

    /** {@code instances} share the bot's shared allowance from now on (1: this one alone). */
    void share(int instances) {
        sharedBy = Math.max(1, instances);
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
