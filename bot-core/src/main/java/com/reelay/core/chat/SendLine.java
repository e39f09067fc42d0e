package com.reelay.core.chat;

import java.time.Duration;

/**
 * The platform's send line as it stands, for the engine to set expectations and pace itself.
 *
 * @param waitingAhead  messages people wait for (acknowledgements and answers) queued to go out before
 *                      anything the engine hands over now
 * @param progressEvery how often one chat can get a progress edit now: its fair share of what the
 *                      platform's budget leaves for progress (zero when the budget is free)
 */
public record SendLine(int waitingAhead, Duration progressEvery) {

    /** Nothing waiting: progress at the engine's own cadence. */
    public static final SendLine FREE = new SendLine(0, Duration.ZERO);

    public SendLine {
        if (waitingAhead < 0 || progressEvery == null || progressEvery.isNegative()) {
            throw new IllegalArgumentException("a send line cannot be negative");
        }
    }
}
