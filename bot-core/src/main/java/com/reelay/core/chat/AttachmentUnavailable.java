package com.reelay.core.chat;

import java.io.IOException;

/**
 * The platform would not hand over a file a person sent: it refused, the file expired or was
 * deleted, or the download broke off. Thrown by an {@link Attachment.Opener}, or while reading
 * what it opened. Not NemoVideo's failure, and the person is told so: {@link #reason()} is the
 * sentence for them, from the adapter that knows what happened (no ids, no tokens), worded by the
 * engine in the chat's language. The exception's message is the English sentence, for logs.
 */
public final class AttachmentUnavailable extends IOException {

    private final transient Wording reason;

    public AttachmentUnavailable(Wording reason) {
        this(reason, null);
    }

    /** {@code cause}: what the platform answered, for the operator's log (masked by the adapter). */
    public AttachmentUnavailable(Wording reason, Throwable cause) {
        super(reason.in(Phrasebook.english()), cause);
        this.reason = reason;
    }

    /** What happened, in a sentence for the person who sent the file. */
    public Wording reason() {
        return reason;
    }
}
