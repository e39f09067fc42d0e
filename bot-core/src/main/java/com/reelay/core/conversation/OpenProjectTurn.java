package com.reelay.core.conversation;

import com.reelay.core.chat.Action;
import com.reelay.core.chat.ChatOutput;
import com.reelay.core.store.Project;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes one of the chat's earlier projects its current one again (the /projects list's Open buttons). */
final class OpenProjectTurn implements Turn {

    private static final Logger log = LoggerFactory.getLogger(OpenProjectTurn.class);

    private final ChatSessions sessions;
    private final ChatProjects projects;
    private final Workers workers;
    private final Replies replies;

    OpenProjectTurn(ChatSessions sessions, ChatProjects projects, Workers workers, Replies replies) {
        this.sessions = sessions;
        this.projects = projects;
        this.workers = workers;
        this.replies = replies;
    }

    @Override
    public CompletableFuture<Void> run(ChatOutput out, LaneRequest r, ProgressMessage announced) {
        String projectId = ((Intent.OpenProject) r.intent()).projectId();
        Phrases phrases = replies.phrases(r);
        return workers.blocking(() -> {
            Optional<Project> project = projects.find(r.chat(), projectId); // this chat's projects only
            String text;
            List<Action> buttons = List.of();
            if (project.isEmpty()) {
                log.info("project not opened: not this chat's chat={} request={}", r.chat(), r.requestId());
                text = phrases.book().phrase("projects.unknown");
            } else {
                sessions.reopen(r.chat(), project.get().sessionId(), project.get().language());
                log.info("project reopened chat={} request={} session={}", r.chat(), r.requestId(), projectId);
                String title = project.get().title().isBlank() ? phrases.book().phrase("projects.untitled")
                        : project.get().title();
                text = phrases.book().phrase("projects.opened", "title", title);
                buttons = List.of(Action.STATUS, Action.EXPORT);
            }
            return replies.finish(out, r, announced, text, phrases.buttons(buttons));
        }).thenCompose(f -> f).exceptionally(error -> {
            replies.sayFailure(out, r, error);
            return null;
        });
    }
}
