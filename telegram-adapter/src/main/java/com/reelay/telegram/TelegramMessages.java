package com.reelay.telegram;

import com.reelay.core.chat.Button;
import com.reelay.core.chat.Reply;
import java.util.ArrayList;
import java.util.List;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

/**
 * The engine's {@link Reply} as Telegram methods. Replies are plain text from people and the
 * agent, so every character is escaped for HTML parse mode: nothing a person types can open a tag.
 */
final class TelegramMessages {

    /** Telegram's limits, counted after entity parsing (so escaping does not count). */
    static final int MAX_TEXT = 4096;
    static final int MAX_CAPTION = 1024;

    private TelegramMessages() {
    }

    /** {@code &}, {@code <} and {@code >} as entities: all Telegram's HTML mode needs outside attributes. */
    static String html(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A new message; {@code replyTo} (may be null) is the person's message it answers. */
    static SendMessage send(String chatId, Reply reply, Integer replyTo) {
        SendMessage.SendMessageBuilder<?, ?> m = SendMessage.builder()
                .chatId(chatId)
                .text(html(fit(reply.text(), MAX_TEXT)))
                .parseMode(ParseMode.HTML)
                .replyMarkup(keyboard(reply.buttons()));
        if (replyTo != null) {
            m.replyParameters(ReplyParameters.builder().messageId(replyTo).allowSendingWithoutReply(true).build());
        }
        return m.build();
    }

    /** The same message without markup: the way out when Telegram could not parse our HTML. */
    static SendMessage plain(SendMessage html, Reply reply) {
        SendMessage copy = SendMessage.builder().chatId(html.getChatId()).text(fit(reply.text(), MAX_TEXT))
                .replyMarkup(html.getReplyMarkup()).replyParameters(html.getReplyParameters()).build();
        return copy;
    }

    /** Replaces a message's text and buttons (no buttons removes the old ones). */
    static EditMessageText edit(String chatId, int messageId, Reply reply) {
        return EditMessageText.builder()
                .chatId(chatId)
                .messageId(messageId)
                .text(html(fit(reply.text(), MAX_TEXT)))
                .parseMode(ParseMode.HTML)
                .replyMarkup(keyboard(reply.buttons()))
                .build();
    }

    static EditMessageText plain(EditMessageText html, Reply reply) {
        return EditMessageText.builder().chatId(html.getChatId()).messageId(html.getMessageId())
                .text(fit(reply.text(), MAX_TEXT)).replyMarkup(html.getReplyMarkup()).build();
    }

    /** Buttons per row: labels in some languages are long, and phones are narrow. */
    static final int BUTTONS_PER_ROW = 3;

    /** Rows of buttons whose callback data is the action's id; null when there are none. */
    static InlineKeyboardMarkup keyboard(List<Button> buttons) {
        if (buttons.isEmpty()) {
            return null;
        }
        List<InlineKeyboardRow> rows = new ArrayList<>();
        for (int i = 0; i < buttons.size(); i++) {
            if (i % BUTTONS_PER_ROW == 0) {
                rows.add(new InlineKeyboardRow());
            }
            Button b = buttons.get(i);
            rows.get(rows.size() - 1).add(InlineKeyboardButton.builder().text(b.label()).callbackData(b.action().id()).build());
        }
        return new InlineKeyboardMarkup(rows);
    }

    static boolean fitsCaption(Reply reply) {
        return reply.text().length() <= MAX_CAPTION;
    }

    /**
     * The engine splits long texts to our declared maximum; this only guards that contract, so a
     * bug there costs a shortened message rather than a refused one.
     */
    static String fit(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = max - 1;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return text.substring(0, cut) + "…";
    }
}
