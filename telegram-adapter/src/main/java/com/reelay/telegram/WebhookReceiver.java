package com.reelay.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.function.Consumer;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Receives the updates Telegram posts to the webhook, on Jetty. A request must carry the secret
 * token Telegram was given (header {@code X-Telegram-Bot-Api-Secret-Token}); anything else is
 * refused before its body is read, so nobody who merely knows the URL can speak as Telegram.
 *
 * <p>Under abuse: a connection must deliver its headers within the header timeout and is closed
 * after the idle timeout; at most {@code maxInFlight} requests are handled at once, the rest get
 * 503 (Telegram sends them again); refusals are logged at most once a minute. An update is
 * answered 200 only once it has been handed to the engine, so one that could not be is answered
 * 500 and Telegram delivers it again (the handler drops repeats).
 */
final class WebhookReceiver implements AutoCloseable {

    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

    private static final Logger log = LoggerFactory.getLogger(WebhookReceiver.class);
    /** Updates are small; anything bigger is not from Telegram. */
    private static final int MAX_BODY = 1024 * 1024;
    private static final Duration REFUSALS_REPORTED_EVERY = Duration.ofMinutes(1);

    private final TelegramSettings.Webhook webhook;
    private final ObjectMapper json;
    private final byte[] secret;
    private final RefusalLog refusals = new RefusalLog(log, REFUSALS_REPORTED_EVERY, System::nanoTime);
    private Server server;
    private ServerConnector connector;

    WebhookReceiver(TelegramSettings.Webhook webhook, ObjectMapper json) {
        this.webhook = webhook;
        this.json = json;
        this.secret = webhook.secretToken().getBytes(StandardCharsets.UTF_8);
    }

    void start(Consumer<Update> handler) throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("telegram-webhook");
        threads.setDaemon(true);
        server = new Server(threads);
        connector = new ServerConnector(server);
        connector.setPort(webhook.listenPort());
        connector.setIdleTimeout(webhook.idleTimeout().toMillis());
        HeaderDeadline deadline = new HeaderDeadline(server.getScheduler(), webhook.headerTimeout());
        connector.addEventListener(deadline);
        server.addConnector(connector);
        QoSHandler inFlight = new QoSHandler(new Receive(handler, deadline));
        inFlight.setMaxRequestCount(webhook.maxInFlight());
        inFlight.setMaxSuspendedRequestCount(0); // over the bound: 503 at once, Telegram retries
        server.setHandler(inFlight);
        try {
            server.start();
        } catch (Exception e) {
            close();
            throw e instanceof IOException io ? io : new IOException("webhook server did not start: " + e.getMessage(), e);
        }
        log.info("telegram webhook listening port={} path={} headerTimeout={} idleTimeout={} maxInFlight={}", port(),
                webhook.path(), webhook.headerTimeout(), webhook.idleTimeout(), webhook.maxInFlight());
    }

    /** The port actually bound (the configured one, or a free one when configured as 0). */
    int port() {
        return connector.getLocalPort();
    }

    private final class Receive extends Handler.Abstract {
        private final Consumer<Update> handler;
        private final HeaderDeadline deadline;

        Receive(Consumer<Update> handler, HeaderDeadline deadline) {
            this.handler = handler;
            this.deadline = deadline;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Connection connection = request.getConnectionMetaData().getConnection();
            deadline.disarm(connection);
            response.setStatus(receive(request));
            // The next request on this connection gets its own header deadline once this one is answered.
            Callback.from(callback, () -> deadline.arm(connection)).succeeded();
            return true;
        }

        private int receive(Request request) {
            if (!webhook.path().equals(Request.getPathInContext(request))) {
                return 404;
            }
            if (!"POST".equals(request.getMethod())) {
                return 405;
            }
            String given = request.getHeaders().get(SECRET_HEADER);
            if (given == null || !MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
                refusals.refused(Request.getRemoteAddr(request));
                return 401;
            }
            byte[] body;
            try (InputStream in = Content.Source.asInputStream(request)) {
                body = in.readNBytes(MAX_BODY + 1);
            } catch (IOException e) {
                return 400; // cut off or too slow: the idle timeout ended it
            }
            if (body.length > MAX_BODY) {
                return 413;
            }
            Update update;
            try {
                update = json.readValue(body, Update.class);
            } catch (IOException e) {
                return 400;
            }
            try {
                handler.accept(update);
            } catch (RuntimeException e) {
                log.warn("webhook update {} not taken, Telegram will send it again: {}", update.getUpdateId(),
                        e.getClass().getSimpleName());
                return 500;
            }
            return 200;
        }
    }

    @Override
    public void close() {
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } catch (Exception e) {
            log.debug("webhook server stop failed", e);
        }
    }
}
