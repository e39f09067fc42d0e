package com.reelay.core.chat;

/**
 * One conversation on one platform: a Telegram chat, a Discord channel (or channel+user), the
 * console. {@code platform} and {@code id} together are unique; {@link #key()} is how the store
 * knows it.
 */
public record ChatRef(String platform, String id) {

    public ChatRef {
        if (platform == null || platform.isBlank() || id == null || id.isBlank()) {
            throw new IllegalArgumentException("platform and id must not be blank");
        }
        if (platform.contains(":")) {
            throw new IllegalArgumentException("platform must not contain ':'");
        }
    }

    /** {@code platform:id}, stable across restarts. */
    public String key() {
        return platform + ":" + id;
    }

    public static ChatRef fromKey(String key) {
        int colon = key.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not a chat key: " + key);
        }
        return new ChatRef(key.substring(0, colon), key.substring(colon + 1));
    }

    @Override
    public String toString() {
        return key();
    }
}
