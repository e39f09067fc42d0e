package com.reelay.core.nemo;

import com.reelay.core.chat.FilePolicy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything that can go wrong talking to NemoVideo, as a closed set the engine can act on.
 * Messages are for operators' logs: they never contain a token, a client id or a raw body.
 */
public abstract sealed class NemoException extends Exception {

    private final int code;

    protected NemoException(int code, String message, Throwable cause) {
        super(message, cause, false, cause != null);
        this.code = code;
    }

    /** The service's error code (1001, 2001, …) or HTTP status; 0 when neither applies. */
    public int code() {
        return code;
    }

    /** 1001 that survived one token refresh: the identity is unusable. */
    public static final class TokenRejected extends NemoException {
        public TokenRejected(String message) {
            super(1001, message, null);
        }
    }

    /** 1002: the session is gone; the caller creates a new one (the old timeline is lost). */
    public static final class SessionNotFound extends NemoException {
        public SessionNotFound(String message) {
            super(1002, message, null);
        }
    }

    /** 2001: out of credits. Anonymous identities get a registration link that keeps their work. */
    public static final class OutOfCredits extends NemoException {
        private final String registrationUrl;

        public OutOfCredits(String message, String registrationUrl) {
            super(2001, message, null);
            this.registrationUrl = registrationUrl;
        }

        /** Empty for registered accounts, who top up instead. */
        public Optional<String> registrationUrl() {
            return Optional.ofNullable(registrationUrl).filter(u -> !u.isBlank());
        }
    }

    /** 4001: the file type is not accepted. */
    public static final class UnsupportedFile extends NemoException {
        public UnsupportedFile(String message) {
            super(4001, message, null);
        }

        public List<String> acceptedExtensions() {
            return FilePolicy.EXTENSIONS;
        }
    }

    /** 4002: a file is over the size limit. */
    public static final class FileTooLarge extends NemoException {
        public FileTooLarge(String message) {
            super(4002, message, null);
        }

        public long limitBytes() {
            return FilePolicy.MAX_FILE_BYTES;
        }
    }

    /**
     * A file to upload could not be read from where it lives (the chat platform, a disk): not
     * NemoVideo's failure. The cause says why; nothing, or part of the file, reached NemoVideo.
     */
    public static final class UploadSourceFailed extends NemoException {
        public UploadSourceFailed(String message, Throwable cause) {
            super(0, message, cause);
        }
    }

    /** 402: the plan cannot export (missing attribution or a free tier): not a credits problem. */
    public static final class ExportNotAllowed extends NemoException {
        public ExportNotAllowed(String message) {
            super(402, message, null);
        }
    }

    /** 429 that persisted after the one allowed wait-and-retry. */
    public static final class RateLimited extends NemoException {
        private final Duration retryAfter;
        private final Duration asked;
        private final boolean retried;

        public RateLimited(String message, Duration retryAfter) {
            this(message, retryAfter, null, false);
        }

        /** {@code asked}: the wait the service named (uncapped; null when it named none). */
        public RateLimited(String message, Duration retryAfter, Duration asked) {
            this(message, retryAfter, asked, false);
        }

        private RateLimited(String message, Duration retryAfter, Duration asked, boolean retried) {
            super(429, message, null);
            this.retryAfter = retryAfter;
            this.asked = asked;
            this.retried = retried;
        }

        /** How long to wait before the one retry (the service's wait, capped). */
        public Duration retryAfter() {
            return retryAfter;
        }

        /** The wait the service named, uncapped, if it named one. */
        public Optional<Duration> asked() {
            return Optional.ofNullable(asked);
        }

        /** Whether the one retry the contract allows was already made: the caller must not retry again. */
        public boolean retried() {
            return retried;
        }

        public RateLimited afterRetry() {
            return new RateLimited(getMessage(), retryAfter, asked, true);
        }
    }

    /**
     * NemoVideo would not create another anonymous identity: it grants about 10 per address a
     * week. Nothing to retry now; {@code retryAfter} says when it may work (empty if unknown).
     */
    public static final class IdentityRefused extends NemoException {
        private final Duration retryAfter;

        public IdentityRefused(String message, Duration retryAfter) {
            super(429, message, null);
            this.retryAfter = retryAfter;
        }

        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }
    }

    /** 400 without X-Client-Id, or another request the service calls malformed: a bug of ours. */
    public static final class BadRequest extends NemoException {
        public BadRequest(int code, String message) {
            super(code, message, null);
        }
    }

    /** The service could not be reached or kept failing (IO errors, HTTP 5xx) after retries. */
    public static final class Unavailable extends NemoException {
        public Unavailable(int httpStatus, String message, Throwable cause) {
            super(httpStatus, message, cause);
        }
    }

    /** The chat stream went quiet (idle) or ran past its overall limit. */
    public static final class StreamTimedOut extends NemoException {
        private final boolean idle;

        public StreamTimedOut(boolean idle, String message) {
            super(0, message, null);
            this.idle = idle;
        }

        /** True for "only heartbeats for too long", false for the overall limit. */
        public boolean idle() {
            return idle;
        }
    }

    /** The chat stream broke mid-way. The message was accepted and must not be re-sent. */
    public static final class StreamBroken extends NemoException {
        public StreamBroken(String message, Throwable cause) {
            super(0, message, cause);
        }
    }

    /** The agent reported an error inside the stream, or a render failed to start. */
    public static final class AgentFailed extends NemoException {
        public AgentFailed(int code, String message) {
            super(code, message, null);
        }
    }

    /** Any other non-zero code or unexpected answer. */
    public static final class Unexpected extends NemoException {
        public Unexpected(int code, String message) {
            super(code, message, null);
        }
    }

    /** The stream was cancelled by us (e.g. /cancel or shutdown). */
    public static final class Cancelled extends NemoException {
        public Cancelled(String message) {
            super(0, message, null);
        }
    }
}
