package com.reelay.discord;

import com.reelay.core.chat.Action;
import com.reelay.core.chat.Phrasebook;
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

    /** Discord allows five buttons in a row. */
    static final int BUTTONS_PER_ROW = 5;

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
    static MessageEditData continuedBelow(Phrasebook book) {
        return edit(Reply.text(book.phrase("discord.continued_below")), 0, List.of());
    }

    /** Export stands out; the rest are secondary. */
    static Button button(com.reelay.core.chat.Button button) {
        Action action = button.action();
        return action instanceof Action.Export || action instanceof Action.ExportAnyway
                ? Button.primary(action.id(), button.label())
                : Button.secondary(action.id(), button.label());
    }

    private record Body(String content, List<MessageEmbed> embeds, List<ActionRow> rows) {

        static Body of(Reply reply, long mentionUserId) {
            String mention = mentionUserId == 0 ? "" : "<@" + Long.toUnsignedString(mentionUserId) + ">";
            List<ActionRow> rows = new ArrayList<>();
            List<Button> buttons = reply.buttons().stream().map(DiscordMessages::button).toList();
            for (int i = 0; i < buttons.size(); i += BUTTONS_PER_ROW) {
                rows.add(ActionRow.of(buttons.subList(i, Math.min(buttons.size(), i + BUTTONS_PER_ROW))));
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
