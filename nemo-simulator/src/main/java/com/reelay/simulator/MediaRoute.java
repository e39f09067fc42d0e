package com.reelay.simulator;

import java.util.Optional;

/** {@code GET /cdn/<path>}: no auth (like a CDN). Render outputs exist once the render has completed. */
final class MediaRoute {
    private final Backend backend;

    MediaRoute(Backend backend) {
        this.backend = backend;
    }

    Reply serve(Call call) {
        String path = call.pathParameter();
        if (path.startsWith("renders/") && path.endsWith(".mp4")) {
            Render render = backend.renders.get(path.substring("renders/".length(), path.length() - ".mp4".length()));
            if (render != null && render.statusAt(backend.settings.clock().instant()).completed()) {
                return new Reply.MediaReply("video/mp4", backend.settings.renderOutputBytes());
            }
            throw notFound();
        }
        Optional<MediaLibrary.Media> media = backend.media.find(path);
        if (media.isEmpty()) {
            throw notFound();
        }
        return new Reply.MediaReply(media.get().contentType(), media.get().length());
    }

    private static ApiError notFound() {
        return ApiError.code(404, 404, "not found", null);
    }
}
