package com.reelay.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * {@code POST /run_sse}. Everything that can go wrong before streaming answers JSON (never SSE):
 * 401/1001, 404/1002, 200/2001 (HTTP 200 with the code envelope), 400/400 for a malformed request.
 */
final class ChatRoute {
    private final Backend backend;

    ChatRoute(Backend backend) {
        this.backend = backend;
    }

    Reply run(Call call) throws IOException {
        Account account = backend.authenticate(call);
        JsonNode body = call.json();
        Session session = backend.session(account, Json.text(body, "session_id"), Endpoint.RUN_SSE);
        String message = messageText(body);
        if (message == null || message.isBlank()) {
            throw ApiError.badRequest(Endpoint.RUN_SSE, "new_message.parts[].text is required");
        }

        Turn turn = backend.agent.plan(session, message);
        if (!account.tryFreeze(turn.cost())) {
            throw ApiError.insufficientCredits(account, turn.cost());
        }
        backend.log.chatAccepted(session.id(), message);
        StreamFault fault = backend.faults.takeStreamFault(); // only accepted streams consume stream faults
        if (fault != null && fault.kind() == StreamFault.Kind.NO_TEXT) {
            turn = turn.withoutText();
        }

        ChatStream stream;
        try {
            stream = new ChatStream(call.exchange());
        } catch (IOException e) {
            account.release(turn.cost());
            throw e;
        }
        TurnRunner runner = new TurnRunner(backend.scheduler, stream, turn, encoderForNextStream(), fault, account,
                backend.settings.heartbeat().toMillis(), backend.openStreams::remove);
        backend.openStreams.add(runner);
        runner.start();
        boolean mayDrop = fault != null && fault.kind() == StreamFault.Kind.DROP;
        return new Reply.Detached(mayDrop ? runner.dropSignal() : null);
    }

    /** The texts of {@code new_message.parts[]}, joined. */
    private static String messageText(JsonNode body) {
        JsonNode parts = body.path("new_message").path("parts");
        if (!parts.isArray()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : parts) {
            if (part.path("text").isTextual()) {
                text.append(part.path("text").asText());
            }
        }
        return text.toString();
    }

    private EventEncoder encoderForNextStream() {
        long n = backend.streamsStarted.getAndIncrement();
        SseShape shape = backend.settings.sseShape();
        boolean adk = shape == SseShape.ADK || (shape == SseShape.MIXED && n % 2 == 0);
        return adk ? new AdkEncoder(backend.ids, backend.settings.clock()) : new TypedEncoder();
    }
}
