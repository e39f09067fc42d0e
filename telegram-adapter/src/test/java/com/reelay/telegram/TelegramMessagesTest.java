package com.reelay.telegram;

import com.reelay.core.testing.EnglishButtons;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.core.chat.Action;
import com.reelay.core.chat.Reply;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;

/** The engine's replies as Telegram methods. */
class TelegramMessagesTest {

    private static final String NASTY = "<b>Tom & Jerry</b> *bold* _it_ `code` &amp; &#60; </i> <a href=\"x\">x</a> > 3 🎬";

    @Test
    void everyCharacterThatMeansSomethingInHtmlIsEscaped() {
        assertEquals("&lt;b&gt;Tom &amp; Jerry&lt;/b&gt; *bold*", TelegramMessages.html("<b>Tom & Jerry</b> *bold*"));
    }

    @Test
    void whatAPersonSeesIsExactlyWhatWasWritten() throws Exception {
        assertEquals(NASTY, TelegramHtml.visibleText(TelegramMessages.html(NASTY)));
    }

    @Test
    void aReplyBecomesAnHtmlMessageWithItsButtonsInOneRow() {
        SendMessage m = TelegramMessages.send("42", new Reply("Ready <now>", EnglishButtons.of(Action.EXPORT, Action.STATUS)), null);
        assertEquals("42", m.getChatId());
        assertEquals("Ready &lt;now&gt;", m.getText());
        assertEquals(ParseMode.HTML, m.getParseMode());
        assertNull(m.getReplyParameters());
        List<InlineKeyboardButton> row = ((InlineKeyboardMarkup) m.getReplyMarkup()).getKeyboard().get(0);
        assertEquals(List.of("Export", "Status"), row.stream().map(InlineKeyboardButton::getText).toList());
        assertEquals(List.of("export", "status"), row.stream().map(InlineKeyboardButton::getCallbackData).toList());
    }

    @Test
    void anAnswerInAGroupQuotesTheMessageItAnswers() {
        SendMessage m = TelegramMessages.send("-100", Reply.text("hi"), 31);
        assertEquals(31, m.getReplyParameters().getMessageId());
        assertTrue(m.getReplyParameters().getAllowSendingWithoutReply());
    }

    @Test
    void aReplyWithoutButtonsHasNoKeyboard() {
        assertNull(TelegramMessages.send("42", Reply.text("hi"), null).getReplyMarkup());
        assertNull(TelegramMessages.edit("42", 5, Reply.text("hi")).getReplyMarkup(),
                "an edit without a keyboard removes the old one");
    }

    @Test
    void anEditReplacesTextAndButtons() {
        EditMessageText e = TelegramMessages.edit("42", 5, new Reply("50% & rising", EnglishButtons.of(Action.NEW_PROJECT)));
        assertEquals(5, e.getMessageId());
        assertEquals("50% &amp; rising", e.getText());
        assertEquals(ParseMode.HTML, e.getParseMode());
        assertEquals("new_project", e.getReplyMarkup().getKeyboard().get(0).get(0).getCallbackData());
    }

    @Test
    void thePlainFallbackCarriesTheRawTextWithoutMarkup() {
        Reply reply = new Reply(NASTY, EnglishButtons.of(Action.EXPORT));
        SendMessage plain = TelegramMessages.plain(TelegramMessages.send("42", reply, 9), reply);
        assertEquals(NASTY, plain.getText());
        assertNull(plain.getParseMode());
        assertEquals(9, plain.getReplyParameters().getMessageId());
        EditMessageText plainEdit = TelegramMessages.plain(TelegramMessages.edit("42", 3, reply), reply);
        assertEquals(NASTY, plainEdit.getText());
        assertNull(plainEdit.getParseMode());
        assertEquals(3, plainEdit.getMessageId());
    }

    @Test
    void textBeyondTelegramsLimitIsCutWithoutSplittingACharacter() {
        String emoji = "🎬".repeat(3000); // 6000 UTF-16 units
        String fitted = TelegramMessages.fit(emoji, 4096);
        assertTrue(fitted.length() <= 4096);
        assertTrue(fitted.endsWith("…"));
        assertTrue(Character.isLowSurrogate(fitted.charAt(fitted.length() - 2)), "ends on a whole emoji");
        assertEquals("short", TelegramMessages.fit("short", 4096));
    }

    @Test
    void captionsHaveTheirOwnLimit() {
        assertTrue(TelegramMessages.fitsCaption(Reply.text("x".repeat(1024))));
        assertTrue(!TelegramMessages.fitsCaption(Reply.text("x".repeat(1025))));
    }
}
