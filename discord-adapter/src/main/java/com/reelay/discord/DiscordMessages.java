package com.reelay.discord;

import com.reelay.core.chat.Action;
import com.reelay.core.chat.Reply;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/**
 * Turns the engine's replies into Discord messages: escaped text within 2,000 characters, the
 * timeline summary as an embed, the actions as buttons, and allowed mentions empty, because JDA
 * lets a message ping everyone it names unless told otherwise. The only ping Reelay ever sends is
 * the person's own mention when their progress moves out of an expiring interaction.
 */
final class DiscordMessages {

    /** Where the engine splits long texts: below Discord's 2,000 so escapes and a mention always fit. */
    static final int TEXT_LIMIT = 1900;

    static final String CONTINUED_BELOW = "⏩ Continued in a new message below.";

    private DiscordMessages() {
    }

    /** A new message; {@code mentionUserId} 0 mentions nobody. */
    static MessageCreateData create(Reply reply, long mentionUserId, List<FileUpload> files) {
        Body body = Body.of(reply, mentionUserId);
        MessageCreateBuilder b = new MessageCreateBuilder()
                .setContent(body.content())
                .setEmbeds(body.embeds())
                .setComponents(body.rows())
                .setFiles(files)
                .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class))
                .mentionRepliedUser(false);
        if (mentionUserId != 0) {
            b.mentionUsers(Long.toUnsignedString(mentionUserId));
        }
        return b.build();
    }

    /**
     * A replacement of a message's whole content (text, embed, buttons, files). A mention stays in
     * the text of a message that had one, but an edit never pings.
     */
    static MessageEditData edit(Reply reply, long mentionUserId, List<FileUpload> files) {
        Body body = Body.of(reply, mentionUserId);
        MessageEditBuilder b = new MessageEditBuilder()
                .setReplace(true)
                .setContent(body.content())
                .setEmbeds(body.embeds())
                .setComponents(body.rows())
                .setFiles(files)
                .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class))
                .mentionRepliedUser(false);
        return b.build();
    }

    /** What an interaction's message says once its progress continues in a channel message. */
    static MessageEditData continuedBelow() {
        return edit(Reply.text(CONTINUED_BELOW), 0, List.of());
    }

    static Button button(Action action) {
        return action == Action.EXPORT
                ? Button.primary(action.id(), action.label())
                : Button.secondary(action.id(), action.label());
    }

    private record Body(String content, List<MessageEmbed> embeds, List<ActionRow> rows) {

        static Body of(Reply reply, long mentionUserId) {
            String mention = mentionUserId == 0 ? "" : "<@" + Long.toUnsignedString(mentionUserId) + ">";
            List<ActionRow> rows = new ArrayList<>();
            if (!reply.buttons().isEmpty()) {
                rows.add(ActionRow.of(reply.buttons().stream().map(DiscordMessages::button).toList()));
            }
            Optional<MessageEmbed> timeline = TimelineEmbed.of(reply.text());
            if (timeline.isPresent()) {
                return new Body(mention, List.of(timeline.get()), rows);
            }
            String text = reply.text().isBlank() ? "…" : reply.text();
            String prefix = mention.isEmpty() ? "" : mention + " ";
            String content = prefix + DiscordMarkdown.escape(text, Message.MAX_CONTENT_LENGTH - prefix.length());
            return new Body(content, List.of(), rows);
        }
    }
}
