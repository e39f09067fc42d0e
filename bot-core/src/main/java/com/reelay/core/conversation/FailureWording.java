package com.reelay.core.conversation;

import com.reelay.core.chat.AttachmentUnavailable;
import com.reelay.core.chat.FilePolicy;
import com.reelay.core.chat.Phrasebook;
import com.reelay.core.nemo.NemoException;

/** What people hear when a NemoVideo call fails, in the chat's language; never a code, token or stack trace. */
final class FailureWording {

    private FailureWording() {
    }

    /** {@code oneToOne}: only the person reads the chat, so a link that claims its identity may be shown. */
    static String of(Phrases phrases, Throwable error, boolean anonymous, boolean oneToOne) {
        Phrasebook book = phrases.book();
        if (error instanceof NemoException.OutOfCredits oc) {
            if (oc.registrationUrl().isPresent() && !oneToOne) {
                return book.phrase("failure.out_of_credits_private_only");
            }
            if (oc.registrationUrl().isPresent()) {
                return book.phrase("failure.out_of_credits_link", "url", oc.registrationUrl().get());
            }
            return book.phrase(anonymous ? "failure.out_of_credits_anonymous" : "failure.out_of_credits_account");
        }
        if (error instanceof NemoException.ExportNotAllowed) {
            return book.phrase("failure.export_not_allowed");
        }
        if (error instanceof NemoException.UploadSourceFailed sourceFailed) {
            return uploadSourceFailed(book, sourceFailed);
        }
        if (error instanceof NemoException.UnsupportedFile) {
            return book.phrase("failure.unsupported_file", "formats", FilePolicy.describe());
        }
        if (error instanceof NemoException.FileTooLarge) {
            return book.phrase("failure.file_too_large", "megabytes", megabytes());
        }
        if (error instanceof NemoException.IdentityRefused refused) {
            String when = refused.retryAfter().map(w -> book.phrase("failure.identity_refused.when", "wait", TimeWording.roughly(book, w)))
                    .orElse("");
            return book.phrase("failure.identity_refused", "when", when);
        }
        if (error instanceof NemoException.RateLimited) {
            return book.phrase("failure.rate_limited");
        }
        if (error instanceof NemoException.StreamTimedOut) {
            return book.phrase("failure.timed_out");
        }
        if (error instanceof NemoException.StreamBroken) {
            return book.phrase("failure.stream_broken");
        }
        if (error instanceof NemoException.Cancelled) {
            return phrases.interrupted();
        }
        if (error instanceof NemoException.Unavailable) {
            return book.phrase("failure.unavailable");
        }
        if (error instanceof NemoException.AgentFailed) {
            return book.phrase("failure.agent_failed");
        }
        return book.phrase("failure.unexpected");
    }

    /**
     * An upload whose file the chat platform would not hand over: the platform's reason, never
     * "I can't reach NemoVideo".
     */
    static String uploadSourceFailed(Phrasebook book, NemoException.UploadSourceFailed error) {
        for (Throwable t = error.getCause(); t != null; t = t.getCause()) {
            if (t instanceof AttachmentUnavailable unavailable) {
                return unavailable.reason().in(book);
            }
        }
        return book.phrase("upload.source_failed");
    }

    private static long megabytes() {
        return FilePolicy.MAX_FILE_BYTES / (1024 * 1024);
    }
}
