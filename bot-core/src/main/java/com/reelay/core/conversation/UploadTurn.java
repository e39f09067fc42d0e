package com.reelay.core.conversation;

import com.reelay.core.chat.Action;
import com.reelay.core.chat.Attachment;
import com.reelay.core.chat.ChatOutput;
import com.reelay.core.chat.FilePolicy;
import com.reelay.core.nemo.NemoClient;
import com.reelay.core.nemo.NemoException;
import com.reelay.core.nemo.UploadSource;
import com.reelay.core.nemo.UploadedFile;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files for the project: checked against the accepted formats and size before a byte moves,
 * uploaded (or passed as links), then the caption, if any, goes to the agent as the prompt.
 */
final class UploadTurn implements Turn {

    private static final Logger log = LoggerFactory.getLogger(UploadTurn.class);

    private final NemoClient client;
    private final ChatSessions sessions;
    private final Workers workers;
    private final Replies replies;
    private final PromptStream prompts;

    UploadTurn(NemoClient client, ChatSessions sessions, Workers workers, Replies replies, PromptStream prompts) {
        this.client = client;
        this.sessions = sessions;
        this.workers = workers;
        this.replies = replies;
        this.prompts = prompts;
    }

    @Override
    public CompletableFuture<Void> run(ChatOutput out, LaneRequest r, ProgressMessage announced) {
        Intent.Upload upload = (Intent.Upload) r.intent();
        if (upload.files().isEmpty()) {
            replies.say(out, r.chat(), r.requestId(), Phrases.howToUpload(), List.of());
            return CompletableFuture.completedFuture(null);
        }
        List<String> problems = new ArrayList<>();
        List<Attachment.Upload> files = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        for (Attachment a : upload.files()) {
            if (!FilePolicy.isAccepted(a.name())) {
                problems.add(Phrases.rejectedType(a.name()));
            } else if (a instanceof Attachment.Upload u && !FilePolicy.fitsSizeLimit(u.size())) {
                problems.add(Phrases.rejectedSize(a.name()));
            } else if (a instanceof Attachment.Upload u) {
                files.add(u);
            } else {
                urls.add(((Attachment.Link) a).url());
            }
        }
        if (!problems.isEmpty()) {
            log.info("files refused chat={} request={} count={}", r.chat(), r.requestId(), problems.size());
            replies.say(out, r.chat(), r.requestId(), String.join("\n", problems), List.of());
        }
        int accepted = files.size() + urls.size();
        if (accepted == 0) {
            return CompletableFuture.completedFuture(null);
        }
        ProgressMessage progress = replies.progress(out, r, Phrases.uploading(accepted));
        String language = Language.forSession(r.user().languageTag(), upload.caption());
        return workers.blocking(() -> {
            ChatSessions.Session session = sessions.ensure(r.chat(), r.user(), language, r.requestId());
            String note = "";
            try {
                sendFiles(session, files, urls);
            } catch (NemoException.SessionNotFound e) {
                session = sessions.create(r.chat(), r.user(), language, r.requestId());
                note = Phrases.SESSION_EXPIRED;
                sendFiles(session, files, urls);
            }
            log.info("files uploaded chat={} request={} count={}", r.chat(), r.requestId(), accepted);
            if (upload.caption().isBlank()) {
                return progress.finish(Replies.join(note, Phrases.uploaded(accepted, problems.size())),
                        List.of(Action.STATUS));
            }
            String uploaded = Replies.join(note, Phrases.uploadedBeforePrompt(accepted));
            progress.update(Replies.join(uploaded, Phrases.CONNECTING));
            return prompts.send(out, r, session, upload.caption(), progress, true, uploaded);
        }).thenCompose(f -> f).exceptionally(error -> {
            replies.fail(r, progress, error);
            return null;
        });
    }

    private List<UploadedFile> sendFiles(ChatSessions.Session session, List<Attachment.Upload> files, List<String> urls)
            throws NemoException {
        List<UploadedFile> done = new ArrayList<>();
        if (!files.isEmpty()) {
            List<UploadSource> sources = files.stream()
                    .map(f -> new UploadSource(FilePolicy.uploadName(f.name()), f.size(), f.mediaType(), f.opener()::open))
                    .toList();
            done.addAll(client.upload(session.auth(), session.sessionId(), sources));
        }
        if (!urls.isEmpty()) {
            done.addAll(client.uploadUrls(session.auth(), session.sessionId(), urls));
        }
        return done;
    }
}
