package com.reelay.core.nemo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.reelay.testkit.CapturedLogs;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * No log line (at any level) and no exception message shows a token, a client id or a bind id,
 * even when the service echoes them back in its error messages.
 */
class SecretsStayOutTest {

    private static final String FIRST = "nmv_usr_first_SECRET";
    private static final String SECOND = "nmv_usr_second_SECRET";
    private static final String BIND_ID = "anon_bind_SECRET";
    private static final String PLAIN_FIXED = "plainFixedSecret42";

    private final MockWebServer server = new MockWebServer();
    private final List<String> messages = new ArrayList<>();
    private final AtomicReference<String> clientId = new AtomicReference<>("");
    private CapturedLogs logs;
    private OkHttpNemoClient client;

    @BeforeEach
    void start() throws Exception {
        logs = CapturedLogs.start(Level.TRACE);
        AtomicInteger tokens = new AtomicInteger();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                String auth = String.valueOf(request.getHeaders().get("Authorization"));
                String echo = "rejected " + auth + " of client " + clientId.get() + " user " + BIND_ID;
                if (path.equals("/api/auth/anonymous-token")) {
                    clientId.set(request.getHeaders().get("X-Client-Id"));
                    String token = tokens.incrementAndGet() == 1 ? FIRST : SECOND;
                    return NemoResponses.token(token, BIND_ID);
                }
                if (path.equals("/run_sse")) {
                    if (auth.contains(FIRST)) {
                        return NemoResponses.code(1001, echo);
                    }
                    return SseScript.events("{\"type\":\"text\",\"content\":\"hi\"}",
                            "{\"errorCode\":2001,\"errorMessage\":\"" + echo + "\"}");
                }
                if (auth.contains(FIRST)) {
                    return NemoResponses.code(1001, echo);
                }
                return NemoResponses.json(400, "{\"code\":2001,\"message\":\"" + echo + "\"}");
            }
        });
        server.start();
        client = TestClients.client(TestClients.fast(server), new RecordingSleeper());
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
        logs.close();
    }

    private void collect(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.add(t.getMessage());
            messages.add(t.toString());
        }
    }

    @Test
    void tokensClientIdsAndBindIdsAppearInNoLogLineOrExceptionMessage() throws Exception {
        NemoAuth anonymous = NemoAuth.anonymous(new RecordingKeeper());
        collect(assertThrows(NemoException.OutOfCredits.class, () -> client.credits(anonymous)));
        anonymous.update(new AnonymousIdentity(anonymous.identity().orElseThrow().clientId(), FIRST, BIND_ID, null));
        ExecutionException streamed = assertThrows(ExecutionException.class,
                () -> client.chat(anonymous, "1", "hi", event -> { }).reply().get(10, TimeUnit.SECONDS));
        collect(streamed.getCause());
        collect(assertThrows(NemoException.class, () -> client.createSession(NemoAuth.fixedToken(PLAIN_FIXED), "en")));
        collect(assertThrows(NemoException.class,
                () -> client.submitRender(NemoAuth.fixedToken(PLAIN_FIXED), "1", null)));

        assertTrue(clientId.get().length() > 10, "the service saw a client id");
        messages.addAll(logs.lines());
        assertTrue(logs.size() > 10, "the flow was logged: " + logs.size());
        assertTrue(messages.stream().anyMatch(m -> m != null && m.contains("2001")), "codes are kept");
        for (String secret : List.of(FIRST, SECOND, BIND_ID, PLAIN_FIXED, clientId.get())) {
            for (String message : messages) {
                if (message != null) {
                    assertFalse(message.contains(secret), "a secret leaked into: " + message);
                }
            }
        }
    }
}
