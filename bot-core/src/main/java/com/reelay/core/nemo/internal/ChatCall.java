package com.reelay.core.nemo.internal;

import com.reelay.core.chat.support.Futures;
import com.reelay.core.nemo.AgentEvent;
import com.reelay.core.nemo.ChatReply;
import com.reelay.core.nemo.ChatStream;
import com.reelay.core.nemo.NemoAuth;
import com.reelay.core.nemo.NemoException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSources;
import okio.Okio;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chat message and the agent's streamed reply ({@code POST /run_sse}).
 *
 * <p>The message is sent at most once to a service that may accept it: only a failed connect is
 * retried (the request never left), and a refusal that comes instead of a stream (1001, 429) is
 * retried once, because the service refused the message rather than accepting it. Everything
 * after the stream opened is final: a dropped connection is {@code StreamBroken}.
 *
 * <p>Framing is okhttp-sse's ({@link EventSources#processResponse}); the body is only watched by
 * a {@link CommentSpotter} because okhttp-sse drops {@code :} comment lines silently.
 * {@link StreamDeadlines} watches it; {@link ReplyCollector} keeps what the agent said.
 */
public final class ChatCall implements ChatStream {

    private static final Logger LOG = LoggerFactory.getLogger(ChatCall.class);
    static final String WHERE = "POST /run_sse";

    private final ChatRuntime runtime;
    private final NemoAuth auth;
    private final String body;
    private final java.util.function.Consumer<ChatStream> onDone;
    private final CompletableFuture<ChatReply> reply = new CompletableFuture<>();
    private final AtomicBoolean done = new AtomicBoolean();
    private final AgentEventDecoder decoder = new AgentEventDecoder();
    private final long startedNanos = System.nanoTime();
    private final ReplyCollector collected;
    private volatile Call current;
    private volatile EventSource source;
    private final StreamDeadlines deadlines;
    private volatile boolean refreshed;
    private volatile boolean waited;

    public ChatCall(ChatRuntime runtime, NemoAuth auth, String sessionId, String message, com.reelay.core.nemo.ChatListener listener,
                    java.util.function.Consumer<ChatStream> onDone) {
        this.runtime = runtime;
        this.auth = auth;
        this.collected = new ReplyCollector(listener, startedNanos);
        this.deadlines = new StreamDeadlines(runtime, collected::lastProgressNanos, done::get, this::fail);
        this.onDone = onDone;
        this.body = Json.write(Map.of(
                "app_name", "nemo_agent",
                "user_id", "me",
                "session_id", sessionId,
                "new_message", Map.of("parts", List.of(Map.of("text", message)))));
    }

    /** Starts the timers and sends the message. */
    public void start() {
        deadlines.start();
        attempt();
    }

    @Override
    public CompletableFuture<ChatReply> reply() {
        return reply;
    }

    @Override
    public void cancel() {
        fail(new NemoException.Cancelled(WHERE + ": cancelled"));
    }

    /** Sends the message with the identity's current token, fetching one off-thread when needed. */
    private void attempt() {
        if (done.get()) {
            return;
        }
        Optional<String> token = runtime.http().tokens().usableToken(auth);
        if (token.isPresent()) {
            open(token.get());
            return;
        }
        runtime.worker().execute(() -> {
            try {
                open(runtime.http().tokens().tokenFor(auth));
            } catch (NemoException e) {
                fail(e);
            } catch (RuntimeException e) {
                fail(new NemoException.Unexpected(0, WHERE + ": " + e.getClass().getSimpleName()));
            }
        });
    }

    /** Connects, retrying (resilience4j, on the shared scheduler) only connects that never reached the service. */
    private void open(String token) {
        runtime.http().retries().connectOnly()
                .executeCompletionStage(runtime.scheduler(), () -> connectOnce(token))
                .whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        notAnswered(Futures.unwrap(failure));
                    }
                });
    }

    private CompletionStage<Void> connectOnce(String token) {
        CompletableFuture<Void> answered = new CompletableFuture<>();
        if (done.get()) {
            answered.completeExceptionally(new CancellationException());
            return answered;
        }
        Request request = new Request.Builder()
                .url(runtime.url())
                .post(new OneShotJsonBody(body))
                .header("Accept", "text/event-stream")
                .tag(BearerToken.class, new BearerToken(token))
                .build();
        Call call = runtime.sse().newCall(request);
        current = call;
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call c, IOException e) {
                CallMetrics.record("POST", runtime.url(), "io");
                answered.completeExceptionally(e);
            }

            @Override
            public void onResponse(Call c, Response response) {
                answered.complete(null);
                onAnswer(response, token);
            }
        });
        if (done.get()) {
            call.cancel();
        }
        return answered;
    }

    private void notAnswered(Throwable failure) {
        if (done.get()) {
            return;
        }
        String what = failure.getClass().getSimpleName();
        if (RetryPolicies.isConnectFailure(failure)) {
            fail(new NemoException.Unavailable(0, WHERE + ": cannot connect (" + what + ")", failure));
        } else {
            // The request may have reached the service: it must not be sent again.
            fail(new NemoException.StreamBroken(WHERE + ": no answer (" + what + ")", failure));
        }
    }

    private void onAnswer(Response response, String token) {
        try (response) {
            if (done.get()) {
                return;
            }
            if (response.isSuccessful() && StreamListener.isEventStream(response.body().contentType())) {
                ResponseBody original = response.body();
                ResponseBody watched = ResponseBody.create(
                        Okio.buffer(new CommentSpotter(original.source(), this::onComment)),
                        original.contentType(), original.contentLength());
                EventSources.processResponse(response.newBuilder().body(watched).build(), new StreamListener(this));
                return;
            }
            refused(response, token);
        } catch (RuntimeException e) {
            fail(new NemoException.Unexpected(0, WHERE + ": " + e.getClass().getSimpleName()));
        }
    }

    /** The service answered with something other than a stream: it did not take the message. */
    private void refused(Response response, String token) {
        String answer;
        try {
            answer = response.body().string();
        } catch (IOException e) {
            fail(new NemoException.StreamBroken(WHERE + ": the refusal could not be read", e));
            return;
        }
        Envelope envelope = Envelope.read(response.code(), answer);
        ServiceError error = envelope.isSuccess()
                ? new ServiceError(0, response.code(), "the answer is not an event stream", null, null)
                : envelope.error().withRetryAfter(RetryAfter.parse(response.header("Retry-After"),
                        runtime.http().clock()));
        CallMetrics.record("POST", runtime.url(), CallMetrics.outcome(error));
        if (error.isTokenRejection() && auth.isAnonymous() && !refreshed) {
            refreshed = true;
            LOG.info("{}: token rejected before the message was taken; getting a new one and sending once more", WHERE);
            runtime.worker().execute(() -> {
                try {
                    open(runtime.http().tokens().refresh(auth, token));
                } catch (NemoException e) {
                    fail(e);
                }
            });
            return;
        }
        if (error.isRateLimit() && !waited) {
            waited = true;
            Duration wait = runtime.http().errors().rateLimitWait(error.retryAfter());
            LOG.info("{}: rate limited before the message was taken; sending once more in {} ms", WHERE, wait.toMillis());
            deadlines.retryIn(wait, this::attempt);
            return;
        }
        fail(runtime.http().errors().toException(error, WHERE, auth, false));
    }

    private void onComment() {
        if (!done.get()) {
            collected.accept(new AgentEvent.Heartbeat());
        }
    }

    boolean isDone() {
        return done.get();
    }

    /** The stream opened: the service took the message. */
    void opened(EventSource eventSource) {
        source = eventSource;
        CallMetrics.record("POST", runtime.url(), "0");
        if (done.get()) {
            eventSource.cancel();
            return;
        }
        LOG.debug("{}: stream open", WHERE);
    }

    /** One SSE event's data: zero or more agent events, or the service's error. */
    void received(String data) {
        List<AgentEvent> events;
        try {
            events = decoder.decode(data);
        } catch (AgentEventDecoder.StreamError e) {
            fail(runtime.http().errors().toException(e.error(), WHERE, auth, true));
            return;
        }
        for (AgentEvent event : events) {
            if (done.get()) {
                return;
            }
            collected.accept(event);
        }
    }

    void finish() {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        deadlines.stop();
        ChatReply result = collected.reply();
        LOG.info("{}: reply complete ({} chars, tools {}) in {} ms", WHERE, result.text().length(),
                result.toolsUsed(), elapsedMillis());
        onDone.accept(this);
        reply.complete(result);
    }

    void fail(NemoException failure) {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        deadlines.stop();
        Call call = current;
        if (call != null) {
            call.cancel();
        }
        EventSource open = source;
        if (open != null) {
            open.cancel();
        }
        LOG.info("{}: ended with {} after {} ms: {}", WHERE, failure.getClass().getSimpleName(), elapsedMillis(),
                failure.getMessage());
        onDone.accept(this);
        reply.completeExceptionally(failure);
    }

    private long elapsedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

}
