package com.reelay.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Anonymous tokens, sessions, credits and state: the plain code-envelope endpoints. */
final class AccountRoutes {
    private final Backend backend;

    AccountRoutes(Backend backend) {
        this.backend = backend;
    }

    /** {@code POST /api/auth/anonymous-token}: 400 without X-Client-Id, 429 over the per-IP cap. */
    Reply anonymousToken(Call call) {
        String clientId = call.header("X-Client-Id");
        if (clientId == null || clientId.isBlank()) {
            throw ApiError.code(400, 400, "missing X-Client-Id", null);
        }
        Accounts.Issue issue = backend.accounts.issueAnonymous(clientId.trim(), call.clientIp());
        if (issue.grant() == null) {
            throw ApiError.rateLimited(Endpoint.ANONYMOUS_TOKEN, issue.retryAfterSeconds());
        }
        Accounts.Grant grant = issue.grant();
        Account account = backend.accounts.account(grant.userId()).orElseThrow();
        ObjectNode data = Json.object()
                .put("token", grant.token())
                .put("user_id", grant.userId())
                .put("expires_at", grant.expiresAt().toString())
                .put("credits", account.balance().available());
        return new Reply.JsonReply(200, Json.codeSuccess(data));
    }

    /** {@code POST /api/tasks/me/with-session/nemo_agent}. */
    Reply createSession(Call call) {
        Account account = backend.authenticate(call);
        String language = Json.text(call.json(), "language");
        if (language == null || language.isBlank()) {
            language = "en";
        }
        String sessionId;
        do {
            sessionId = backend.ids.sessionId();
        } while (backend.sessions.containsKey(sessionId));
        Session session = new Session(sessionId, "task_" + backend.ids.lowerAlnum(20), account.userId(), language);
        backend.sessions.put(sessionId, session);
        ObjectNode data = Json.object()
                .put("task_id", session.taskId())
                .put("session_id", session.id())
                .put("user_id", account.userId());
        return new Reply.JsonReply(200, Json.codeSuccess(data));
    }

    /** {@code GET /api/credits/balance/simple}. */
    Reply credits(Call call) {
        UserSnapshot balance = backend.authenticate(call).balance();
        ObjectNode data = Json.object()
                .put("available", balance.available())
                .put("frozen", balance.frozen())
                .put("total", balance.total());
        return new Reply.JsonReply(200, Json.codeSuccess(data));
    }

    /** {@code GET /api/state/nemo_agent/me/<sid>/latest}. */
    Reply state(Call call) {
        Account account = backend.authenticate(call);
        Session session = backend.session(account, call.pathParameter(), Endpoint.STATE);
        ObjectNode data = Json.object().put("session_id", session.id());
        data.set("state", session.stateJson());
        return new Reply.JsonReply(200, Json.codeSuccess(data));
    }
}
