package com.reelay.discord;

import java.time.Instant;
import com.reelay.core.chat.Phrasebook;
import net.dv8tion.jda.api.interactions.InteractionHook;

/**
 * The answers to one slash command or button press. The first answer replaces the deferred
 * "thinking…" response; later ones are follow-ups. Ephemeral interactions (help, credits) stay
 * private until their token dies; public ones move to channel messages at the handoff, mentioning
 * the person once. The hook is JDA's handle on the token (null in unit tests, which record instead).
 */
final class InteractionReplies {

    enum Ack { PENDING, DEFERRED, LOST }

    private final String requestId;
    private final InteractionHook hook;
    private final ChatAddress chat;
    private final long userId;
    private final boolean ephemeral;
    private final InteractionDeadlines deadlines;
    private final Phrasebook book;
    private volatile long uploadLimit;
    private Ack ack = Ack.PENDING;
    private boolean originalClaimed;
    private boolean mentioned;

    InteractionReplies(String requestId, InteractionHook hook, ChatAddress chat, long userId, boolean ephemeral,
                       InteractionDeadlines deadlines, Phrasebook book) {
        this.book = book;
        this.requestId = requestId;
        this.hook = hook;
        this.chat = chat;
        this.userId = userId;
        this.ephemeral = ephemeral;
        this.deadlines = deadlines;
    }

    String requestId() {
        return requestId;
    }

    InteractionHook hook() {
        return hook;
    }

    ChatAddress chat() {
        return chat;
    }

    long userId() {
        return userId;
    }

    boolean ephemeral() {
        return ephemeral;
    }

    InteractionDeadlines deadlines() {
        return deadlines;
    }

    /** The language of the person who asked, for what the front end itself says about this interaction. */
    Phrasebook book() {
        return book;
    }

    /** The upload limit Discord reported with the interaction, or 0. */
    long uploadLimit() {
        return uploadLimit;
    }

    void uploadLimit(long bytes) {
        uploadLimit = bytes;
    }

    synchronized void acknowledged() {
        if (ack == Ack.PENDING) {
            ack = Ack.DEFERRED;
        }
    }

    /** The acknowledgement failed or came too late: the token cannot answer at all. */
    synchronized void lost() {
        ack = Ack.LOST;
    }

    synchronized Ack ack() {
        return ack;
    }

    /** Whether an answer at {@code now} goes through the token. */
    synchronized boolean answersThroughToken(Instant now) {
        if (ack == Ack.LOST) {
            return false;
        }
        return ephemeral ? deadlines.tokenAlive(now) : deadlines.beforeHandoff(now);
    }

    /** Whether the token can still edit what it sent (to point at the channel message that continues it). */
    synchronized boolean tokenCanEdit(Instant now) {
        return ack == Ack.DEFERRED && deadlines.tokenAlive(now);
    }

    /** True exactly once: for the answer that replaces the deferred response. */
    synchronized boolean claimOriginal() {
        boolean first = !originalClaimed;
        originalClaimed = true;
        return first;
    }

    /** True exactly once: the person is mentioned in the first channel message that continues this interaction. */
    synchronized boolean claimMention() {
        boolean first = !mentioned;
        mentioned = true;
        return first;
    }
}
