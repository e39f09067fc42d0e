package com.reelay.core.chat;

import java.io.IOException;

/**
 * The platform would not hand over a file a person sent: it refused, the file expired or was
 * deleted, or the download broke off. Thrown by an {@link Attachment.Opener}, or while reading
 * what it opened. Not NemoVideo's failure, and the person is told so: {@link #reason()} is the
 * sentence for them, from the adapter that knows what happened (no ids, no tokens).
 */
public final class AttachmentUnavailable extends IOException {

    private final String reason;

    public AttachmentUnavailable(String reason) {
        this(reason, null);
    }

    /** {@code cause}: what the platform answered, for the operator's log (masked by the adapter). */
    public AttachmentUnavailable(String reason, Throwable cause) {
        super(reason, cause);
        this.reason = reason;
    }

    /** What happened, in a sentence for the person who sent the file. */
    public String reason() {
        return reason;
    }
}
