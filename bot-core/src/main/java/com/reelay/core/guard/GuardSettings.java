package com.reelay.core.guard;

import java.util.List;

/**
 * Who may use the bot and how much: the operator's credits are at stake.
 *
 * @param allowedChats   chats that may use the bot ({@code telegram:123} or a bare id for any platform); empty: all
 * @param allowedUsers   people who may use the bot, same form; empty: all
 * @param admins         people exempt from allow lists and limits, same form
 * @param promptsPerUserPerHour prompts one person may send per hour; 0: no limit
 * @param promptsPerChatPerHour prompts one chat (e.g. a group) may send per hour; 0: no limit
 * @param promptsPerUserPerDay  the daily quota of prompts (each may start a generation); 0: no limit
 */
public record GuardSettings(List<String> allowedChats, List<String> allowedUsers, List<String> admins,
                            int promptsPerUserPerHour, int promptsPerChatPerHour, int promptsPerUserPerDay) {

    public GuardSettings {
        allowedChats = List.copyOf(allowedChats);
        allowedUsers = List.copyOf(allowedUsers);
        admins = List.copyOf(admins);
        StringBuilder problems = new StringBuilder();
        if (promptsPerUserPerHour < 0) {
            problems.append("prompts-per-user-per-hour must be 0 (no limit) or more; ");
        }
        if (promptsPerChatPerHour < 0) {
            problems.append("prompts-per-chat-per-hour must be 0 (no limit) or more; ");
        }
        if (promptsPerUserPerDay < 0) {
            problems.append("prompts-per-user-per-day must be 0 (no limit) or more; ");
        }
        if (problems.length() > 0) {
            throw new IllegalArgumentException(problems.substring(0, problems.length() - 2));
        }
    }

    /** Open to everyone, with limits that keep one person from spending everything. */
    public static GuardSettings defaults() {
        return new GuardSettings(List.of(), List.of(), List.of(), 30, 60, 50);
    }

    /** No allow lists, no limits: for tests and private installs. */
    public static GuardSettings open() {
        return new GuardSettings(List.of(), List.of(), List.of(), 0, 0, 0);
    }
}
