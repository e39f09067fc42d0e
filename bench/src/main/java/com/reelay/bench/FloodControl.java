package com.reelay.bench;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Telegram's flood control as the bench's strict fakes enforce it: trailing windows over arrival
 * times with no allowance for jitter. A message (sendMessage, editMessageText) that would make 31
 * arrivals from the bot in any second, or 2 in one second in a chat, must wait; a refused message
 * does not count. Not thread-safe: the fakes call it under their own lock.
 */
final class FloodControl {

    /** Messages a second per bot token, whatever the number of processes sending. */
    static final int PER_BOT = 30;
    private static final long SECOND = 1_000_000_000L;

    private final Deque<Long> bot = new ArrayDeque<>();
    private final Map<Long, Long> lastInChat = new HashMap<>();

    /** Nanoseconds until a message to {@code chat} may arrive; 0: it is allowed at {@code now}, and counted. */
    long admit(long chat, long now) {
        while (!bot.isEmpty() && bot.peekFirst() <= now - SECOND) {
            bot.pollFirst();
        }
        long wait = bot.size() < PER_BOT ? 0 : bot.peekFirst() + SECOND - now;
        Long last = lastInChat.get(chat);
        if (last != null && last > now - SECOND) {
            wait = Math.max(wait, last + SECOND - now);
        }
        if (wait == 0) {
            bot.addLast(now);
            lastInChat.put(chat, now);
        }
        return wait;
    }
}
