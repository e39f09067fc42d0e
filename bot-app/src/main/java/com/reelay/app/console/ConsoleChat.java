package com.reelay.app.console;

import com.reelay.core.chat.Activity;
import com.reelay.core.chat.Button;
import com.reelay.core.chat.Capabilities;
import com.reelay.core.chat.ChatEngine;
import com.reelay.core.chat.ChatOutput;
import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.ChatUser;
import com.reelay.core.chat.FinishedVideo;
import com.reelay.core.chat.Inbound;
import com.reelay.core.chat.MessageRef;
import com.reelay.core.chat.Phrasebook;
import com.reelay.core.chat.Reply;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The zero-configuration front end: one chat in a terminal. Reads prompts and commands from
 * {@code in}, prints the bot's messages to {@code out}. On a terminal (ANSI) the progress line is
 * rewritten in place; elsewhere (pipes, tests) each update is printed as a new line. Buttons are
 * printed numbered ({@code [#1 Export]}); typing {@code #1} presses the first of the latest ones.
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
    private final ConsoleCommandReader commands;
    private final Phrasebook book;
    /** The buttons printed last, for {@code #n}. */
    private List<Button> buttons = List.of();

    /** The last message printed, and how many lines it took, so it can be rewritten in place. */
    private String lastId = "";
    private int lastLines;

    public ConsoleChat(BufferedReader in, PrintStream out, boolean ansi) {
        this(in, out, ansi, Locale.getDefault().toLanguageTag());
    }

    /** {@code languageTag}: the person's language, as a platform would report it. */
    public ConsoleChat(BufferedReader in, PrintStream out, boolean ansi, String languageTag) {
        this.in = in;
        this.out = out;
        this.ansi = ansi;
        this.user = new ChatUser("local", System.getProperty("user.name", "you"), languageTag);
        this.book = Phrasebook.of(languageTag);
        this.commands = new ConsoleCommandReader(book);
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
            out.println(book.phrase("console.banner"));
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
            ConsoleCommandReader.Parsed parsed = text.matches("#\\d{1,2}") ? press(Integer.parseInt(text.substring(1)))
                    : commands.read(text);
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

    private synchronized ConsoleCommandReader.Parsed press(int n) {
        if (n < 1 || n > buttons.size()) {
            return new ConsoleCommandReader.Parsed(null, book.phrase("button.gone"));
        }
        return new ConsoleCommandReader.Parsed(new Inbound.Button(buttons.get(n - 1).action()), null);
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

    /** Called under this object's lock. */
    private String render(Reply reply) {
        if (reply.buttons().isEmpty()) {
            return reply.text();
        }
        buttons = reply.buttons();
        int[] n = new int[1];
        String row = buttons.stream().map(b -> "[#" + ++n[0] + " " + b.label() + "]").collect(Collectors.joining("  "));
        return reply.text() + "\n" + row;
    }

    private static int lineCount(String text) {
        return (int) text.chars().filter(c -> c == '\n').count() + 1;
    }
}
