package com.reelay.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Export: {@code POST /api/render/proxy/lambda}, {@code GET …/<id>}, {@code POST …/<id>/cancel}.
 * These answer the success envelope; a start is checked in this order: 401/1001 (code envelope),
 * 402 missing attribution, 400 missing id, 409 reused id, 404 unknown session, 400 empty draft.
 * Exports cost no credits, unless a test sets {@code renderCost}.
 */
final class RenderRoutes {
    static final String[] ATTRIBUTION = {"X-Skill-Source", "X-Skill-Version", "X-Skill-Platform"};

    private final Backend backend;
    private final AtomicLong statusPolls = new AtomicLong();

    RenderRoutes(Backend backend) {
        this.backend = backend;
    }

    Reply start(Call call) {
        Account account = backend.authenticate(call);
        for (String header : ATTRIBUTION) {
            String value = call.header(header);
            if (value == null || value.isBlank()) {
                throw ApiError.failure(402, "free plan cannot export: missing " + header
                        + " (exports need X-Skill-Source, X-Skill-Version and X-Skill-Platform)");
            }
        }
        JsonNode body = call.json();
        String id = Json.text(body, "id");
        if (id == null || id.isBlank()) {
            throw ApiError.failure(400, "missing render id");
        }
        if (backend.renders.containsKey(id)) {
            throw ApiError.failure(409, "render id already exists");
        }
        Session session = backend.session(account, Json.text(body, "sessionId"), Endpoint.RENDER_START);
        if (!Draft.hasSegments(body.get("draft"))) {
            throw ApiError.failure(400, "draft is empty: add something to the timeline before exporting");
        }
        long cost = backend.settings.renderCost();
        if (cost > 0) {
            if (!account.tryFreeze(cost)) {
                throw ApiError.insufficientCredits(account, cost);
            }
            account.deduct(cost);
        }
        Render render = new Render(id, account.userId(), session.id(), backend.settings.clock().instant(),
                backend.faults.takeRenderFailure(), backend.settings.renderPending(), backend.settings.renderProcessing());
        if (backend.renders.putIfAbsent(id, render) != null) {
            throw ApiError.failure(409, "render id already exists");
        }
        ObjectNode data = Json.object().put("id", id).put("status", "pending").put("progress", 0);
        return new Reply.JsonReply(200, Json.success(data));
    }

    /** The envelope rotates through the configured list, one poll at a time. */
    Reply status(Call call) {
        Render render = owned(call);
        ObjectNode view = view(render, render.statusAt(backend.settings.clock().instant()));
        var envelopes = backend.settings.renderStatusEnvelopes();
        Envelope envelope = envelopes.get((int) (statusPolls.getAndIncrement() % envelopes.size()));
        switch (envelope) {
            case CODE:
                return new Reply.JsonReply(200, Json.codeSuccess(view));
            case BARE:
                return new Reply.JsonReply(200, view);
            default:
                return new Reply.JsonReply(200, Json.success(view));
        }
    }

    /** A running render becomes failed/"cancelled"; a finished one is 409. */
    Reply cancel(Call call) {
        Render render = owned(call);
        if (!render.cancel(backend.settings.clock().instant())) {
            throw ApiError.failure(409, "render already finished");
        }
        return new Reply.JsonReply(200, Json.success(view(render, render.statusAt(backend.settings.clock().instant()))));
    }

    static String outputPath(String renderId) {
        return "renders/" + renderId + ".mp4";
    }

    private Render owned(Call call) {
        Account account = backend.authenticate(call);
        Render render = backend.renders.get(call.pathParameter());
        if (render == null || !render.userId().equals(account.userId())) {
            throw ApiError.failure(404, "render not found");
        }
        return render;
    }

    private ObjectNode view(Render render, Render.Status status) {
        ObjectNode view = Json.object()
                .put("id", render.id())
                .put("sessionId", render.sessionId())
                .put("status", status.status())
                .put("progress", status.progress());
        if (status.completed()) {
            String url = backend.media.urlOf(outputPath(render.id()));
            if (backend.settings.renderOutputForm() == RenderOutputForm.OUTPUT_URL) {
                view.put("outputUrl", url);
            } else {
                view.putObject("output").put("url", url).put("format", "mp4");
            }
        }
        if (status.error() != null) {
            view.put("error", status.error());
        }
        return view;
    }
}
