package com.reelay.core.chat;

import java.util.List;

/**
 * Something a person did in a chat, as every adapter reports it. {@code requestId} ties the
 * operator's log lines for this request together. {@code oneToOne} says the chat is the person
 * and the bot alone (a Telegram private chat, a Discord DM, the console): only there may the bot
 * say what nobody else should read, such as a link that claims the chat's NemoVideo identity.
 */
public record Inbound(ChatRef chat, ChatUser user, String requestId, Content content, boolean oneToOne) {

    /** An event from a chat others may read (the safe default). */
    public Inbound(ChatRef chat, ChatUser user, String requestId, Content content) {
        this(chat, user, requestId, content, false);
    }

    /** What was sent. */
    public sealed interface Content {
    }

    /** Plain text: a prompt, or words the engine recognises ("export", "积分"). */
    public record Text(String text) implements Content {
    }

    /** A command such as {@code /export} (name without slash, lower case) with its argument text. */
    public record Command(String name, String args) implements Content {
        public Command {
            args = args == null ? "" : args;
        }
    }

    /** A button under one of the bot's replies. */
    public record Button(Action action) implements Content {
    }

    /** Files, with the caption that came with them (the prompt; may be empty). */
    public record Files(List<Attachment> attachments, String caption) implements Content {
        public Files {
            attachments = List.copyOf(attachments);
            caption = caption == null ? "" : caption;
        }
    }
}
