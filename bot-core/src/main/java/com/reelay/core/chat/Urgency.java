package com.reelay.core.chat;

/**
 * What a person is waiting for when a message goes out, so a platform's send budget can serve
 * the most awaited messages first. The order they are served in is
 * {@link com.reelay.core.chat.send.SendBudget#SERVICE_ORDER} (acknowledgements first, and why).
 */
public enum Urgency {
    /** Final replies, export links, errors and answers to commands: the person is waiting for it. */
    ANSWER,
    /** The first acknowledgement of a new request: proof the bot heard. */
    ACKNOWLEDGEMENT,
    /** Progress edits: elastic, may be stretched or collapsed into the newest. */
    PROGRESS,
    /** Refusals (strangers, quota, full line): served last, dropped under contention. */
    REFUSAL
}
