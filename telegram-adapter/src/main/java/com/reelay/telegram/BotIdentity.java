package com.reelay.telegram;

/** Who the bot is, to recognise mentions ({@code @username}), its commands and replies to it. */
record BotIdentity(long id, String username) {
}
