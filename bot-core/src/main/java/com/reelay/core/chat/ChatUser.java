package com.reelay.core.chat;

/**
 * Who wrote: a platform user id, a name to address them by, and their language tag as the
 * platform reports it (e.g. {@code en}, {@code zh-hans}, {@code pt-BR}; may be empty).
 */
public record ChatUser(String id, String displayName, String languageTag) {

    public ChatUser {
        displayName = displayName == null ? "" : displayName;
        languageTag = languageTag == null ? "" : languageTag;
    }
}
