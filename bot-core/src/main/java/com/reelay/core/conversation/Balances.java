package com.reelay.core.conversation;

import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.Phrasebook;
import com.reelay.core.nemo.Credits;
import com.reelay.core.nemo.NemoAuth;
import com.reelay.core.nemo.NemoClient;
import com.reelay.core.nemo.NemoException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Credit balances around the work that spends them: read before and after a generation or an
 * export (for the receipt under the reply, and after a failure to tell whether the credits came
 * back), and what exports have recently cost, to warn before one the balance may not cover.
 * A balance that cannot be read only leaves the receipt out: it never fails a request.
 */
final class Balances {

    private static final Logger log = LoggerFactory.getLogger(Balances.class);
    /** Recent exports whose cost is known; the usual cost is their median. */
    private static final int REMEMBERED_EXPORTS = 20;

    private final NemoClient client;
    /**
     * Whether each chat spends an identity of its own (no registered token, identities per chat):
     * only then is the change of balance around a request what that request cost. A shared
     * account moves with every other chat's spending, on this instance or any other of a fleet.
     */
    private final boolean spentAlone;
    private final ArrayDeque<Long> exportCosts = new ArrayDeque<>();
    /** The balance before each export in flight, by render id (an export restarted after a crash has none). */
    private final Map<String, Credits> beforeRender = new ConcurrentHashMap<>();

    Balances(NemoClient client, boolean spentAlone) {
        this.client = client;
        this.spentAlone = spentAlone;
    }

    /** The receipt: what the request used and what is left, or only what is left on a shared account. */
    String receipt(Phrasebook book, Credits before, Credits after) {
        return spentAlone ? CreditWording.receipt(book, before, after) : CreditWording.balanceLeft(book, after);
    }

    /** After a failure: whether its credits came back, or only what is left on a shared account. */
    String refund(Phrasebook book, Credits before, Credits after) {
        return spentAlone ? CreditWording.refund(book, before, after) : CreditWording.balanceLeft(book, after);
    }

    /** Blocking: call on a worker. */
    Optional<Credits> read(ChatRef chat, String requestId, NemoAuth auth) {
        try {
            return Optional.of(client.credits(auth));
        } catch (NemoException | RuntimeException e) {
            log.info("balance not read chat={} request={}: {}", chat, requestId, e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    void renderStarted(String renderId, Optional<Credits> before) {
        before.ifPresent(b -> beforeRender.put(renderId, b));
    }

    /** The balance before a render, forgotten once asked for. */
    Optional<Credits> beforeRender(String renderId) {
        return Optional.ofNullable(beforeRender.remove(renderId));
    }

    synchronized void exportCost(long credits) {
        if (!spentAlone) {
            return; // others' spending is in the difference
        }
        exportCosts.addLast(Math.max(0, credits));
        if (exportCosts.size() > REMEMBERED_EXPORTS) {
            exportCosts.removeFirst();
        }
    }

    /** What recent exports cost (their median); empty before any export was seen. */
    synchronized OptionalLong usualExportCost() {
        if (exportCosts.isEmpty()) {
            return OptionalLong.empty();
        }
        List<Long> sorted = new ArrayList<>(exportCosts);
        Collections.sort(sorted);
        return OptionalLong.of(sorted.get(sorted.size() / 2));
    }

    /** The usual export cost when {@code balance} is below it (exports cost nothing by NemoVideo's contract, so rarely). */
    OptionalLong shortForExport(Credits balance) {
        OptionalLong usual = usualExportCost();
        return usual.isPresent() && usual.getAsLong() > 0 && balance.available() < usual.getAsLong() ? usual : OptionalLong.empty();
    }
}
