package com.reelay.app.console;

import com.reelay.core.chat.Action;
import com.reelay.core.chat.Activity;
import com.reelay.core.chat.Capabilities;
import com.reelay.core.chat.ChatEngine;
import com.reelay.core.chat.ChatOutput;
import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.ChatUser;
import com.reelay.core.chat.FinishedVideo;
import com.reelay.core.chat.Inbound;
import com.reelay.core.chat.MessageRef;
import com.reelay.core.chat.Reply;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The zero-configuration front end: one chat in a terminal. Reads prompts and commands from
 * {@code in}, prints the bot's messages to {@code out}. On a terminal (ANSI) the progress line is
 * rewritten in place; elsewhere (pipes, tests) each update is printed as a new line.
 */
public final class ConsoleChat implements ChatOutput {

    public static final String PLATFORM = "console";
    static final String PROMPT = "> ";

    private final BufferedReader in;
    private final PrintStream out;
    private final boolean ansi;
    private final ChatRef chat = new ChatRef(PLATFORM, "local");
    private final ChatUser user;
    private final AtomicLong messageIds = new AtomicLong();
    private final AtomicLong requestIds = new AtomicLong();
    private final ConsoleCommandReader commands = new ConsoleCommandReader();

    /** The last message printed, and how many lines it took, so it can be rewritten in place. */
    private String lastId = "";
    private int lastLines;

    public ConsoleChat(BufferedReader in, PrintStream out, boolean ansi) {
        this.in = in;
        this.out = out;
        this.ansi = ansi;
        this.user = new ChatUser("local", System.getProperty("user.name", "you"), Locale.getDefault().toLanguageTag());
    }

    public ChatRef chat() {
        return chat;
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(4000, true, true, 0);
    }

    /** Reads until end of input or /quit, handing each line to the engine. */
    public void run(ChatEngine engine) throws IOException {
        synchronized (this) {
            out.println("Reelay console. Describe a video, or type /help. /upload <file-or-url> [caption] sends a file; /quit leaves.");
        }
        String line;
        while ((line = in.readLine()) != null) {
            String text = line.strip();
            if (text.isEmpty()) {
                continue;
            }
            if (text.equals("/quit") || text.equals("/exit")) {
                break;
            }
            synchronized (this) {
                lastId = ""; // the person typed: the cursor is no longer under our last message
            }
            String requestId = "console-" + requestIds.incrementAndGet();
            ConsoleCommandReader.Parsed parsed = commands.read(text);
            if (parsed.problem() != null) {
                print(parsed.problem());
                continue;
            }
            engine.accept(new Inbound(chat, user, requestId, parsed.content(), true)); // the console is one person's
        }
    }

    @Override
    public CompletableFuture<MessageRef> send(ChatRef target, String requestId, Reply reply) {
        String id = Long.toString(messageIds.incrementAndGet());
        synchronized (this) {
            printFresh(id, render(reply));
        }
        return CompletableFuture.completedFuture(new MessageRef(target, id));
    }

    @Override
    public CompletableFuture<Void> edit(MessageRef message, Reply reply) {
        synchronized (this) {
            String text = render(reply);
            if (ansi && message.messageId().equals(lastId)) {
                out.print("\033[" + lastLines + "F\033[0J"); // up to the message's first line, clear below
                out.println(text);
                lastLines = lineCount(text);
                out.flush();
            } else {
                printFresh(message.messageId(), text);
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<MessageRef> sendVideo(ChatRef target, String requestId, FinishedVideo video) {
        return send(target, requestId, video.caption());
    }

    @Override
    public void showActivity(ChatRef target, Activity activity) {
        // A terminal shows the progress message itself; nothing else to do.
    }

    private void print(String text) {
        synchronized (this) {
            printFresh("", text);
        }
    }

    private void printFresh(String id, String text) {
        out.println(text);
        out.flush();
        lastId = id;
        lastLines = lineCount(text);
    }

    private static String render(Reply reply) {
        if (reply.buttons().isEmpty()) {
            return reply.text();
        }
        String buttons = reply.buttons().stream().map(ConsoleChat::button).collect(Collectors.joining("  "));
        return reply.text() + "\n" + buttons;
    }

    private static String button(Action action) {
        switch (action) {
            case EXPORT:
                return "[/export]";
            case STATUS:
                return "[/status]";
            case CREDITS:
                return "[/credits]";
            case NEW_PROJECT:
            default:
                return "[/new]";
        }
    }

    private static int lineCount(String text) {
        return (int) text.chars().filter(c -> c == '\n').count() + 1;
    }
}
