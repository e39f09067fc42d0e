package com.reelay.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.reelay.core.nemo.ChatListener;
import com.reelay.core.nemo.ChatStream;
import com.reelay.core.nemo.Credits;
import com.reelay.core.nemo.NemoAuth;
import com.reelay.core.nemo.NemoClient;
import com.reelay.core.nemo.NemoException;
import com.reelay.core.nemo.NemoSession;
import com.reelay.core.nemo.RenderStatus;
import com.reelay.core.nemo.SessionState;
import com.reelay.core.nemo.UploadSource;
import com.reelay.core.nemo.UploadedFile;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bot's NemoVideo client, noting when each person's chat stream ended ({@link System#nanoTime()}),
 * so a final reply can be timed from the moment it could first have gone out. A person is found
 * by the "take N" their prompt ends with.
 */
final class StreamEnds implements NemoClient {

    private static final Pattern TAKE = Pattern.compile("take (\\d+)$");

    private final NemoClient client;
    private final AtomicLongArray endedAt;

    StreamEnds(NemoClient client, int people) {
        this.client = client;
        this.endedAt = new AtomicLongArray(people);
    }

    static String prompt(int n) {
        return "make a 10-second video of a lighthouse in a storm, take " + n;
    }

    /** When person {@code n}'s stream ended; 0 if it has not. */
    long endedAt(int n) {
        return endedAt.get(n);
    }

    @Override
    public ChatStream chat(NemoAuth auth, String sessionId, String message, ChatListener listener) {
        ChatStream stream = client.chat(auth, sessionId, message, listener);
        Matcher take = TAKE.matcher(message);
        if (take.find()) {
            int n = Integer.parseInt(take.group(1));
            stream.reply().whenComplete((reply, error) -> {
                if (n < endedAt.length()) {
                    endedAt.compareAndSet(n, 0, System.nanoTime());
                }
            });
        }
        return stream;
    }

    @Override
    public NemoSession createSession(NemoAuth auth, String language) throws NemoException {
        return client.createSession(auth, language);
    }

    @Override
    public Credits credits(NemoAuth auth) throws NemoException {
        return client.credits(auth);
    }

    @Override
    public SessionState state(NemoAuth auth, String sessionId) throws NemoException {
        return client.state(auth, sessionId);
    }

    @Override
    public List<UploadedFile> upload(NemoAuth auth, String sessionId, List<UploadSource> files) throws NemoException {
        return client.upload(auth, sessionId, files);
    }

    @Override
    public List<UploadedFile> uploadUrls(NemoAuth auth, String sessionId, List<String> urls) throws NemoException {
        return client.uploadUrls(auth, sessionId, urls);
    }

    @Override
    public RenderStatus submitRender(NemoAuth auth, String sessionId, JsonNode draft) throws NemoException {
        return client.submitRender(auth, sessionId, draft);
    }

    @Override
    public RenderStatus renderStatus(NemoAuth auth, String renderId) throws NemoException {
        return client.renderStatus(auth, renderId);
    }

    @Override
    public CompletableFuture<RenderStatus> awaitRender(NemoAuth auth, String renderId, Consumer<RenderStatus> onProgress) {
        return client.awaitRender(auth, renderId, onProgress);
    }

    @Override
    public void cancelRender(NemoAuth auth, String renderId) throws NemoException {
        client.cancelRender(auth, renderId);
    }

    @Override
    public void close() {
        client.close();
    }
}
