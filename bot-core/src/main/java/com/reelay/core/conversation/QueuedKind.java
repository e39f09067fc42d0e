package com.reelay.core.conversation;

import com.reelay.core.chat.Attachment;
import com.reelay.core.store.QueuedRequest;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How a waiting request is written to the store and read back. Files cannot wait across a
 * restart (their bytes live on the platform, behind handles that expire), so only their names
 * are kept, to ask the person to send them again.
 */
final class QueuedKind {

    static final String CHAT = "chat";
    static final String EXPORT = "export";
    static final String NEW_PROJECT = "new";
    static final String FILES = "files";
    static final String OPEN_PROJECT = "open";

    private QueuedKind() {
    }

    static QueuedRequest encode(LaneRequest r, Instant now) {
        Intent intent = r.intent();
        String kind;
        String payload = "";
        if (intent instanceof Intent.Chat c) {
            kind = CHAT;
            payload = c.prompt();
        } else if (intent instanceof Intent.Export e) {
            kind = EXPORT;
            payload = e.anyway() ? "anyway" : "";
        } else if (intent instanceof Intent.OpenProject o) {
            kind = OPEN_PROJECT;
            payload = o.projectId();
        } else if (intent instanceof Intent.Upload u) {
            kind = FILES;
            payload = u.files().stream().map(a -> "\"" + a.name() + "\"").collect(Collectors.joining(", "));
        } else {
            kind = NEW_PROJECT;
        }
        return new QueuedRequest(0, r.chat().key(), r.user().id(), r.user().displayName(), r.user().languageTag(),
                r.requestId(), kind, payload, now);
    }

    /** The kind of a request, for run times: chat, export, files, new or open. */
    static String kindOf(Intent intent) {
        return intent instanceof Intent.Chat ? CHAT
                : intent instanceof Intent.Export ? EXPORT
                : intent instanceof Intent.Upload ? FILES
                : intent instanceof Intent.OpenProject ? OPEN_PROJECT
                : NEW_PROJECT;
    }

    static Intent decode(QueuedRequest q) {
        switch (q.kind()) {
            case CHAT:
                return new Intent.Chat(q.payload());
            case EXPORT:
                return new Intent.Export(q.payload().equals("anyway"));
            case OPEN_PROJECT:
                return new Intent.OpenProject(q.payload());
            case FILES:
                return new Intent.Upload(List.<Attachment>of(), "");
            default:
                return new Intent.NewProject();
        }
    }
}
