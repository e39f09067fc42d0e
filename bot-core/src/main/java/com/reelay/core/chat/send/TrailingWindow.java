package com.reelay.core.chat.send;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One allowance as the platform counts it: at most N calls arriving in any trailing period. The
 * bot cannot see when a call arrives, only that it arrives after the call starts and before its
 * answer comes back. So a call counts from its start until a period after its answer (plus the
 * margin): then no N+1 arrivals can ever fall inside one period, whatever the network's jitter.
 *
 * <p>Not a token bucket (Bucket4j): a bucket of N refilled every period lets N calls land just
 * before a refill and N more just after it, 2N inside one trailing period.
 */
final class TrailingWindow {

    /** One call's claim on the window: counts until {@link #until}, forever while unanswered. */
    static final class Use {
        private long until = Long.MAX_VALUE;
    }

    private final Allowance allowance;
    private final long spanNanos;
    private final List<Use> uses;
    private long heldUntil = Long.MIN_VALUE;

    TrailingWindow(Allowance allowance, long marginNanos) {
        this.allowance = allowance;
        this.spanNanos = allowance.per().toNanos() + marginNanos;
        this.uses = new ArrayList<>(allowance.calls());
    }

    Allowance allowance() {
        return allowance;
    }

    /**
     * Nanoseconds until one more call fits with at most {@code cap} counted (0: now), or
     * {@link Long#MAX_VALUE} when only an answer still on its way can make room.
     */
    long waitNanos(long now, int cap) {
        prune(now);
        long hold = heldUntil > now ? heldUntil - now : 0;
        int over = uses.size() - Math.min(cap, allowance.calls()) + 1;
        if (over <= 0) {
            return hold;
        }
        long[] until = new long[uses.size()];
        for (int i = 0; i < until.length; i++) {
            until[i] = uses.get(i).until;
        }
        Arrays.sort(until);
        long freed = until[over - 1];
        return freed == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(hold, freed - now);
    }

    Use take() {
        Use use = new Use();
        uses.add(use);
        return use;
    }

    /** The call's answer came back at {@code now}: it counts one more period, then leaves. */
    void answered(Use use, long now) {
        use.until = now + spanNanos;
    }

    /** The platform said to wait (a 429 naming this allowance). */
    void hold(long until) {
        heldUntil = Math.max(heldUntil, until);
    }

    /** Nothing counted and no hold: the window can be forgotten and made afresh. */
    boolean isClear(long now) {
        prune(now);
        return uses.isEmpty() && heldUntil <= now;
    }

    private void prune(long now) {
        uses.removeIf(u -> u.until <= now);
    }
}
