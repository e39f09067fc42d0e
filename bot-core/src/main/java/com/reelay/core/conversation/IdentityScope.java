package com.reelay.core.conversation;

/**
 * Whose anonymous NemoVideo identity a chat uses when no registered token is set. NemoVideo
 * grants about 10 new anonymous identities per address a week, so the scope decides how far
 * they stretch ({@code nemo.identity-scope}).
 */
public enum IdentityScope {
    /** Each chat its own identity and free credits (a group shares one). */
    CHAT,
    /** Each person one identity, taken along to every chat they start something in. */
    USER,
    /** One identity for the whole bot: every chat spends the same free credits. */
    SHARED
}
