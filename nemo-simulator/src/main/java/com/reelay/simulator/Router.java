package com.reelay.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The one HTTP handler: finds the endpoint, records the request, applies scripted faults, writes the reply. */
final class Router implements HttpHandler {
    private static final Logger LOG = Logger.getLogger(Router.class.getName());

    private final Backend backend;
    private final AccountRoutes accounts;
    private final ChatRoute chat;
    private final UploadRoute upload;
    private final RenderRoutes renders;
    private final MediaRoute media;

    Router(Backend backend) {
        this.backend = backend;
        this.accounts = new AccountRoutes(backend);
        this.chat = new ChatRoute(backend);
        this.upload = new UploadRoute(backend);
        this.renders = new RenderRoutes(backend);
        this.media = new MediaRoute(backend);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Reply reply;
        try {
            reply = receive(exchange);
        } catch (ApiError e) {
            reply = e.reply();
        } catch (IOException e) {
            exchange.close(); // the client went away mid-request
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "simulator route failed", e);
            reply = new Reply.JsonReply(500, Json.codeError(500, "internal simulator error", null));
        }
        write(exchange, reply);
    }

    private Reply receive(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        Endpoint endpoint = null;
        boolean pathKnown = false;
        for (Endpoint e : Endpoint.values()) {
            if (e.matchesPath(path)) {
                pathKnown = true;
                if (e.method().equals(method)) {
                    endpoint = e;
                    break;
                }
            }
        }
        Call call = Call.receive(exchange, endpoint, endpoint == null ? null : endpoint.pathParameter(path),
                backend.settings.clock().instant());
        backend.log.record(call.record());
        backend.settings.requestLine().accept(call.logLine());
        if (endpoint == null) {
            return pathKnown
                    ? new Reply.JsonReply(405, Json.codeError(405, "method not allowed", null))
                    : new Reply.JsonReply(404, Json.codeError(404, "not found", null));
        }
        RequestFault fault = backend.faults.takeRequestFault(endpoint);
        if (fault == null) {
            return route(call);
        }
        switch (fault.kind()) {
            case DELAY:
                pause(fault.duration());
                return route(call);
            case CODE:
                return faultCode(call, fault);
            case HTTP:
                return new Reply.RawReply(fault.httpStatus(), fault.body(), Map.of());
            case RATE_LIMIT:
                throw ApiError.rateLimited(endpoint, Math.max(1, (fault.duration().toMillis() + 999) / 1000));
            case BARE:
                return bare(route(call));
            default:
                throw new IllegalStateException("unknown fault " + fault.kind());
        }
    }

    private Reply route(Call call) throws IOException {
        switch (call.endpoint()) {
            case ANONYMOUS_TOKEN:
                return accounts.anonymousToken(call);
            case CREATE_SESSION:
                return accounts.createSession(call);
            case RUN_SSE:
                return chat.run(call);
            case UPLOAD:
                return upload.upload(call);
            case CREDITS:
                return accounts.credits(call);
            case STATE:
                return accounts.state(call);
            case RENDER_START:
                return renders.start(call);
            case RENDER_STATUS:
                return renders.status(call);
            case RENDER_CANCEL:
                return renders.cancel(call);
            case MEDIA:
                return media.serve(call);
            default:
                throw new IllegalStateException("no route for " + call.endpoint());
        }
    }

    /** A scripted error code behaves like the real error: same status and, for 2001, the same data. */
    private Reply faultCode(Call call, RequestFault fault) {
        int code = fault.code();
        int status = fault.httpStatus() > 0 ? fault.httpStatus() : ApiError.naturalStatus(code, call.endpoint());
        ObjectNode data = null;
        if (code == 2001) {
            Optional<Account> account = backend.accounts.authenticate(call.bearerToken());
            data = Json.object();
            if (account.isPresent() && account.get().anonymous()) {
                data.put("registration_url", ApiError.REGISTER_URL + account.get().userId());
            }
        }
        return new Reply.JsonReply(status, Json.codeError(code, ApiError.messageFor(code), data));
    }

    private static Reply bare(Reply reply) {
        if (reply instanceof Reply.JsonReply) {
            Reply.JsonReply json = (Reply.JsonReply) reply;
            JsonNode data = json.body().get("data");
            if (data != null) {
                return new Reply.JsonReply(json.status(), data, json.headers());
            }
        }
        return reply;
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(HttpExchange exchange, Reply reply) throws IOException {
        if (reply instanceof Reply.Detached) {
            awaitDrop((Reply.Detached) reply);
            return; // the stream closes the exchange itself
        }
        try {
            if (reply instanceof Reply.JsonReply) {
                Reply.JsonReply json = (Reply.JsonReply) reply;
                json.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
                send(exchange, json.status(), Json.bytes(json.body()));
            } else if (reply instanceof Reply.RawReply) {
                Reply.RawReply raw = (Reply.RawReply) reply;
                raw.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
                send(exchange, raw.status(), raw.body() == null ? null : raw.body().getBytes(StandardCharsets.UTF_8));
            } else {
                Reply.MediaReply media = (Reply.MediaReply) reply;
                exchange.getResponseHeaders().set("Content-Type", media.contentType());
                exchange.sendResponseHeaders(200, media.length() == 0 ? -1 : media.length());
                try (OutputStream out = exchange.getResponseBody()) {
                    MediaLibrary.writePlaceholder(out, media.contentType(), media.length());
                }
            }
        } catch (IOException e) {
            // The client left before the answer was written; nothing else to do.
        } finally {
            exchange.close();
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        if (body == null || body.length == 0) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /**
     * A stream with a drop fault keeps this handler thread until the drop point. Throwing out of the
     * handler is the one way the JDK server cuts a connection without the terminating chunk.
     */
    private static void awaitDrop(Reply.Detached detached) throws IOException {
        if (detached.drop() != null && detached.drop().join()) {
            throw new IOException("simulated connection drop");
        }
    }
}
