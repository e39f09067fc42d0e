package com.reelay.core.chat;

/** A message the bot sent, so it can be edited later (also after a restart). */
public record MessageRef(ChatRef chat, String messageId) {
}
