package com.reelay.discord;

import com.reelay.core.chat.ChatRef;

/**
 * Where a chat lives on Discord: a channel, plus the person when the chat is theirs alone (sessions
 * per person, or a DM). The person's id is kept for DMs so the bot can reopen the DM channel
 * after a restart, when JDA no longer knows it.
 *
 * @param channelId the text channel, thread or DM channel
 * @param userId    the person, or 0 when the whole channel shares the chat
 */
record ChatAddress(long channelId, long userId) {

    static final String PLATFORM = "discord";

    ChatAddress {
        if (channelId <= 0 || userId < 0) {
            throw new IllegalArgumentException("not a Discord chat: " + channelId + ":" + userId);
        }
    }

    /** The chat a message or interaction from {@code userId} in {@code channelId} belongs to. */
    static ChatAddress of(long channelId, long userId, boolean directMessage, SessionScope scope) {
        boolean personal = directMessage || scope == SessionScope.USER_IN_CHANNEL;
        return new ChatAddress(channelId, personal ? userId : 0);
    }

    static ChatAddress of(ChatRef chat) {
        if (!PLATFORM.equals(chat.platform())) {
            throw new IllegalArgumentException("not a Discord chat: " + chat);
        }
        String id = chat.id();
        int colon = id.indexOf(':');
        try {
            if (colon < 0) {
                return new ChatAddress(Long.parseUnsignedLong(id), 0);
            }
            return new ChatAddress(Long.parseUnsignedLong(id.substring(0, colon)),
                    Long.parseUnsignedLong(id.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a Discord chat: " + chat);
        }
    }

    ChatRef chatRef() {
        return new ChatRef(PLATFORM, userId == 0
                ? Long.toUnsignedString(channelId)
                : Long.toUnsignedString(channelId) + ":" + Long.toUnsignedString(userId));
    }

    boolean hasUser() {
        return userId != 0;
    }
}
