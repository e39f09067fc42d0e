package com.reelay.core.chat.send;

/**
 * A message the budget chose not to send: a refusal while the budget is contended or within a
 * minute of the last one to the same person, or a call still waiting when the budget closed.
 */
public final class DroppedSend extends RuntimeException {

    public DroppedSend(String why) {
        super(why, null, false, false);
    }
}
