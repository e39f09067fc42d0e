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

    private QueuedKind() {
    }

    static QueuedRequest encode(LaneRequest r, Instant now) {
        Intent intent = r.intent();
        String kind;
        String payload = "";
        if (intent instanceof Intent.Chat c) {
            kind = CHAT;
            payload = c.prompt();
        } else if (intent instanceof Intent.Export) {
            kind = EXPORT;
        } else if (intent instanceof Intent.Upload u) {
            kind = FILES;
            payload = u.files().stream().map(a -> "\"" + a.name() + "\"").collect(Collectors.joining(", "));
        } else {
            kind = NEW_PROJECT;
        }
        return new QueuedRequest(0, r.chat().key(), r.user().id(), r.user().displayName(), r.user().languageTag(),
                r.requestId(), kind, payload, now);
    }

    static Intent decode(QueuedRequest q) {
        switch (q.kind()) {
            case CHAT:
                return new Intent.Chat(q.payload());
            case EXPORT:
                return new Intent.Export();
            case FILES:
                return new Intent.Upload(List.<Attachment>of(), "");
            default:
                return new Intent.NewProject();
        }
    }
}
