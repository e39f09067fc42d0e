package com.reelay.core.chat;

/** A "bot is busy" hint a platform may show (Telegram's chat actions, Discord's typing). */
public enum Activity {
    TYPING,
    UPLOADING_VIDEO
}
