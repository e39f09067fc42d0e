package com.reelay.core.nemo.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.reelay.core.nemo.NemoAuth;
import com.reelay.core.nemo.NemoException;
import com.reelay.core.nemo.NemoSettings;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one {@link ApiCall} and applies the recovery rules, in this order:
 * <ol>
 *   <li>transient failures (I/O, HTTP 5xx): retried by {@link RetryPolicies} — every kind for an
 *       idempotent call, only a failed connect for the others;</li>
 *   <li>1001 / HTTP 401: an anonymous identity gets a new token (same client id) and the call is
 *       made once more; a fixed token, or a second rejection, is {@code TokenRejected};</li>
 *   <li>429: wait ({@code Retry-After}, else the configured wait, capped) and try once more, then
 *       {@code RateLimited};</li>
 *   <li>anything else: the typed exception from {@link ErrorMapping}.</li>
 * </ol>
 */
public final class NemoHttp {

    private static final Logger LOG = LoggerFactory.getLogger(NemoHttp.class);

    private final OkHttpClient api;
    private final OkHttpClient upload;
    private final RetryPolicies retries;
    private final ErrorMapping errors;
    private final Sleeper sleeper;
    private final Clock clock;
    private final AnonymousTokens tokens;

    public NemoHttp(NemoSettings settings, OkHttpClient api, OkHttpClient upload, RetryPolicies retries,
                    Sleeper sleeper, Clock clock) {
        this.api = api;
        this.upload = upload;
        this.retries = retries;
        this.errors = new ErrorMapping(settings);
        this.sleeper = sleeper;
        this.clock = clock;
        this.tokens = new AnonymousTokens(this, okhttp3.HttpUrl.get(settings.baseUrl()), clock);
    }

    public AnonymousTokens tokens() {
        return tokens;
    }

    public ErrorMapping errors() {
        return errors;
    }

    public RetryPolicies retries() {
        return retries;
    }

    public Clock clock() {
        return clock;
    }

    /** Sends {@code call} for {@code auth} (null for the unauthenticated anonymous-token call) and returns its data. */
    public JsonNode send(NemoAuth auth, ApiCall call) throws NemoException {
        boolean refreshed = false;
        boolean waited = false;
        while (true) {
            String token = call.authenticated() ? tokens.tokenFor(auth) : null;
            Envelope answer = exchange(auth, call, token);
            if (answer.isSuccess()) {
                return answer.data();
            }
            ServiceError error = answer.error();
            if (error.isTokenRejection() && auth != null && auth.isAnonymous() && call.authenticated() && !refreshed) {
                refreshed = true;
                LOG.info("{}: token rejected, getting a new one and trying once more", call.where());
                tokens.refresh(auth, token);
                continue;
            }
            if (error.isRateLimit() && !waited && sleeper != null && auth != null) { // a refused identity is not retried
                waited = true;
                Duration wait = errors.rateLimitWait(error.retryAfter());
                LOG.info("{}: rate limited, trying once more in {} ms", call.where(), wait.toMillis());
                pause(call, wait);
                continue;
            }
            NemoException failure = errors.toException(error, call.where(), auth, call.startFailure());
            if (waited && failure instanceof NemoException.RateLimited limited) {
                failure = limited.afterRetry();
            }
            LOG.debug("{}: failed with {}", call.where(), failure.getClass().getSimpleName());
            throw failure;
        }
    }

    /** One exchange including its transient-failure retries; the answer may still be an error. */
    private Envelope exchange(NemoAuth auth, ApiCall call, String token) throws NemoException {
        try {
            return retries.forCall(call.idempotent()).executeCheckedSupplier(() -> exchangeOnce(auth, call, token));
        } catch (TransientFailure e) {
            String message = e.error() != null
                    ? ErrorMapping.describe(call.where(), e.error(), auth)
                    : call.where() + ": " + (e.getCause() == null ? "failed" : e.getCause().getClass().getSimpleName());
            LOG.info("{}: unavailable ({})", call.where(), e.error() != null ? "HTTP " + e.httpStatus() : e.getMessage());
            throw new NemoException.Unavailable(e.httpStatus(), message, e.getCause());
        } catch (NemoException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new NemoException.Unexpected(0, call.where() + ": " + e.getClass().getSimpleName());
        } catch (Throwable e) {
            if (e instanceof Error) {
                throw (Error) e;
            }
            throw new NemoException.Unexpected(0, call.where() + ": " + e.getClass().getSimpleName());
        }
    }

    private Envelope exchangeOnce(NemoAuth auth, ApiCall call, String token) throws TransientFailure, NemoException {
        Request.Builder request = new Request.Builder().url(call.url());
        request.method(call.method(), call.body() == null ? null : call.body().get());
        for (Map.Entry<String, String> header : call.headers().entrySet()) {
            request.header(header.getKey(), header.getValue());
        }
        if (token != null) {
            request.tag(BearerToken.class, new BearerToken(token));
        }
        OkHttpClient client = call.upload() ? upload : api;
        try (Response response = client.newCall(request.build()).execute()) {
            String body = response.body().string();
            Envelope answer = Envelope.read(response.code(), body);
            CallMetrics.record(call.method(), call.url(), answer.isSuccess() ? "0" : CallMetrics.outcome(answer.error()));
            if (!answer.isSuccess()) {
                ServiceError error = answer.error()
                        .withRetryAfter(RetryAfter.parse(response.header("Retry-After"), clock));
                if (error.isServerFailure()) {
                    throw new TransientFailure(response.code(), error, null);
                }
                return Envelope.failure(error);
            }
            return answer;
        } catch (InterruptedIOException e) {
            CallMetrics.record(call.method(), call.url(), "io");
            if (e instanceof SocketTimeoutException || !Thread.currentThread().isInterrupted()) {
                throw new TransientFailure(0, null, e);
            }
            throw new NemoException.Cancelled(call.where() + ": interrupted");
        } catch (IOException e) {
            Optional<IOException> source = SourceSide.of(e);
            if (source.isPresent()) {
                throw sourceFailed(call, source.get()); // the file's side failed, not NemoVideo: final, no retry
            }
            CallMetrics.record(call.method(), call.url(), "io");
            throw new TransientFailure(0, null, e);
        }
    }

    private static NemoException sourceFailed(ApiCall call, IOException source) {
        if (source instanceof SourceSide.SourceTooLarge) {
            return new NemoException.FileTooLarge(call.where() + ": a file of undeclared size ran past the limit;"
                    + " the upload was cut off");
        }
        LOG.info("{}: the file to upload could not be read from its source", call.where());
        return new NemoException.UploadSourceFailed(call.where() + ": " + source.getMessage(),
                source.getCause() != null ? source.getCause() : source);
    }

    private void pause(ApiCall call, Duration wait) throws NemoException {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NemoException.Cancelled(call.where() + ": interrupted while waiting out a rate limit");
        }
    }
}
