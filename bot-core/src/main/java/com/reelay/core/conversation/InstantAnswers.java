package com.reelay.core.conversation;

import com.reelay.core.chat.Action;
import com.reelay.core.chat.Button;
import com.reelay.core.chat.ChatOutput;
import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.ChatUser;
import com.reelay.core.chat.Phrasebook;
import com.reelay.core.nemo.NemoAuth;
import com.reelay.core.nemo.NemoClient;
import com.reelay.core.nemo.NemoException;
import com.reelay.core.nemo.SessionState;
import com.reelay.core.store.Project;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers that do not wait for the chat's turn: help, cancel, credits, status, projects, language. */
final class InstantAnswers implements Turn {

    private static final Logger log = LoggerFactory.getLogger(InstantAnswers.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final NemoClient client;
    private final ChatSessions sessions;
    private final Replies replies;
    private final Supplier<LaneScheduler> lanes;
    private final PromptStream prompts;
    private final ChatProjects projects;
    private final ChatLanguages languages;

    InstantAnswers(NemoClient client, ChatSessions sessions, Replies replies, Supplier<LaneScheduler> lanes,
                   PromptStream prompts, ChatProjects projects, ChatLanguages languages) {
        this.client = client;
        this.sessions = sessions;
        this.replies = replies;
        this.lanes = lanes;
        this.prompts = prompts;
        this.projects = projects;
        this.languages = languages;
    }

    @Override
    public CompletableFuture<Void> run(ChatOutput out, LaneRequest r, ProgressMessage announced) {
        ChatRef chat = r.chat();
        String requestId = r.requestId();
        Intent intent = r.intent();
        Phrases phrases = replies.phrases(r);
        try {
            if (intent instanceof Intent.Help h) {
                replies.say(out, chat, requestId, h.welcome() ? phrases.welcome() : phrases.help(h.unknownCommand()), List.of());
            } else if (intent instanceof Intent.Cancel) {
                cancel(out, r, phrases);
            } else if (intent instanceof Intent.Credits) {
                credits(out, chat, r.user(), requestId, phrases);
            } else if (intent instanceof Intent.Status) {
                status(out, r, phrases);
            } else if (intent instanceof Intent.Projects) {
                projects(out, r, phrases);
            } else if (intent instanceof Intent.Language l) {
                language(out, r, l.choice());
            } else if (intent instanceof Intent.KeepEditing) {
                replies.say(out, chat, requestId, phrases.keptEditing(), phrases.buttons(Action.STATUS));
            }
        } catch (NemoException | RuntimeException e) {
            replies.sayFailure(out, r, e);
        }
        return CompletableFuture.completedFuture(null);
    }

    /**
     * NemoVideo grants about 10 anonymous identities per server address a week: asking for the
     * balance must not spend one. A chat gets its identity when it first makes something.
     */
    private void credits(ChatOutput out, ChatRef chat, ChatUser user, String requestId, Phrases phrases)
            throws NemoException {
        NemoAuth auth = sessions.auth(chat, user);
        if (auth.isAnonymous() && auth.identity().isEmpty()) {
            replies.say(out, chat, requestId, phrases.noCreditsYet(), List.of());
            return;
        }
        replies.say(out, chat, requestId, phrases.credits(client.credits(auth)), List.of());
    }

    private void status(ChatOutput out, LaneRequest r, Phrases phrases) throws NemoException {
        ChatRef chat = r.chat();
        Optional<ChatSessions.Session> session = sessions.existing(chat);
        if (session.isEmpty()) {
            replies.say(out, chat, r.requestId(), phrases.noProject(), List.of());
            return;
        }
        try {
            SessionState state = client.state(session.get().auth(), session.get().sessionId());
            List<Action> buttons = state.timeline().isExportable() ? List.of(Action.EXPORT) : List.of();
            replies.say(out, chat, r.requestId(), TimelineSummary.of(phrases, state.timeline()), phrases.buttons(buttons));
        } catch (NemoException.SessionNotFound e) {
            sessions.forgetLost(chat, session.get().sessionId());
            replies.say(out, chat, r.requestId(), phrases.expiredNoProject(), List.of());
        }
    }

    /** Drops the waiting requests and stops the running stream (NemoVideo may still finish its work). */
    private void cancel(ChatOutput out, LaneRequest r, Phrases phrases) {
        LaneScheduler.Cancelled cancelled = lanes.get().cancelWaiting(r.chat());
        boolean stopping = prompts.stop(r.chat());
        log.info("queue cancelled chat={} request={} dropped={} stopped={}", r.chat(), r.requestId(), cancelled.dropped(),
                stopping);
        replies.say(out, r.chat(), r.requestId(), phrases.cancelled(cancelled.dropped(), stopping, cancelled.running()), List.of());
    }

    /** The chat's projects, newest first, each with its last export link and a button to reopen it. */
    private void projects(ChatOutput out, LaneRequest r, Phrases phrases) {
        Phrasebook book = phrases.book();
        List<Project> list = projects.list(r.chat());
        if (list.isEmpty()) {
            replies.say(out, r.chat(), r.requestId(), book.phrase("projects.none"), List.of());
            return;
        }
        String current = sessions.existing(r.chat()).map(ChatSessions.Session::sessionId).orElse("");
        List<String> lines = new ArrayList<>();
        lines.add(book.phrase("projects.header"));
        List<Button> buttons = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Project p = list.get(i);
            boolean open = p.sessionId().equals(current);
            String title = p.title().isBlank() ? book.phrase("projects.untitled") : p.title();
            String line = book.phrase("projects.item", "n", i + 1, "title", title, "current", open ? "yes" : "no",
                    "created", WHEN.format(p.createdAt()));
            if (!p.lastExportUrl().isBlank()) {
                line += book.phrase("projects.item.export", "url", p.lastExportUrl());
            }
            lines.add(line);
            if (!open && Action.isPayload(p.sessionId())) {
                buttons.add(phrases.open(i + 1, p.sessionId()));
            }
        }
        replies.say(out, r.chat(), r.requestId(), String.join("\n", lines), buttons);
    }

    /** Without a choice: the chat's language and a button per language; with one: keeps it for the chat. */
    private void language(ChatOutput out, LaneRequest r, String choice) {
        String wanted = choice.strip().toLowerCase(java.util.Locale.ROOT);
        if (wanted.isEmpty()) {
            Phrases phrases = replies.phrases(r);
            List<Action> choices = new ArrayList<>();
            Phrasebook.all().forEach(b -> choices.add(new Action.ChooseLanguage(b.language())));
            choices.add(new Action.ChooseLanguage(ChatLanguages.AUTO));
            replies.say(out, r.chat(), r.requestId(),
                    phrases.book().phrase("language.current", "name", phrases.book().phrase("language.name")),
                    phrases.buttons(choices));
            return;
        }
        if (wanted.equals(ChatLanguages.AUTO)) {
            languages.choose(r.chat(), ChatLanguages.AUTO);
            log.info("language follows each person chat={} request={}", r.chat(), r.requestId());
            replies.say(out, r.chat(), r.requestId(), replies.phrases(r).book().phrase("language.auto"), List.of());
            return;
        }
        Optional<Phrasebook> book = Phrasebook.find(wanted);
        if (book.isEmpty()) {
            String names = Phrasebook.all().stream().map(b -> b.language() + " (" + b.phrase("language.name") + ")")
                    .collect(Collectors.joining(", "));
            replies.say(out, r.chat(), r.requestId(),
                    replies.phrases(r).book().phrase("language.unknown", "tag", choice.strip(), "names", names), List.of());
            return;
        }
        languages.choose(r.chat(), book.get().language());
        log.info("language chosen chat={} request={} language={}", r.chat(), r.requestId(), book.get().language());
        replies.say(out, r.chat(), r.requestId(), book.get().phrase("language.chosen"), List.of());
    }
}
