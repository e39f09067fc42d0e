package com.reelay.telegram;

import com.reelay.core.chat.Intake;

/**
 * Where getUpdates reads from, and whether this process is the one to read. A lone process
 * always polls and keeps its offset in memory (Telegram also confirms it); in a fleet exactly one
 * instance polls at a time and the offset lives in the fleet's database, so a new leader neither
 * skips nor repeats updates.
 */
interface PollFeed {

    /** The feed's name in the fleet's records. */
    String FEED = "telegram";

    /** Whether this process polls now; asked before every poll. */
    boolean leads();

    /** The offset to poll from when this process starts leading. */
    int position();

    /** Every update before {@code next} is handled (or kept in the inbox). */
    void save(int next);

    /** This process could not poll for a while: another may (true when there is one to take over). */
    boolean stepDown();

    static PollFeed alone() {
        return new PollFeed() {
            private int next;

            @Override
            public boolean leads() {
                return true;
            }

            @Override
            public int position() {
                return next;
            }

            @Override
            public boolean stepDown() {
                return false; // nobody else to poll
            }

            @Override
            public void save(int position) {
                next = position;
            }
        };
    }

    static PollFeed sharedThrough(Intake intake) {
        return new PollFeed() {
            @Override
            public boolean leads() {
                return intake.leads(FEED);
            }

            @Override
            public int position() {
                return (int) intake.position(FEED).orElse(0);
            }

            @Override
            public void save(int next) {
                intake.savePosition(FEED, next);
            }

            @Override
            public boolean stepDown() {
                return intake.stepDown(FEED);
            }
        };
    }
}
