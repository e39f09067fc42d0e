package com.reelay.discord;

/** A message that can no longer be edited (deleted, or not the bot's to edit): post a new one instead. */
final class MessageGone extends RuntimeException {

    MessageGone(String messageId) {
        super("message " + messageId + " can no longer be edited", null, false, false);
    }
}
