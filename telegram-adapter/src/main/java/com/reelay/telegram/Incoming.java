package com.reelay.telegram;

import com.reelay.core.chat.Attachment;
import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.ChatUser;
import com.reelay.core.chat.Inbound;
import com.reelay.core.chat.Wording;
import java.util.Optional;

/** What one Telegram update turns out to be, before anything is done about it. */
sealed interface Incoming {

    /** Something for the engine. */
    record Event(Inbound inbound) implements Incoming {
    }

    /**
     * One item of an album (updates sharing a {@code media_group_id}); the items are gathered into
     * one upload. {@code file} is empty when this item was refused ({@code refusal} says why).
     *
     * @param addressed whether this item speaks to the bot (always true outside groups)
     */
    record AlbumItem(String albumKey, ChatRef chat, ChatUser user, int messageId, Optional<Attachment> file,
                     String caption, Optional<Wording> refusal, boolean addressed) implements Incoming {
    }

    /** Something the bot can't use; the person gets {@code text}, in the chat's language. */
    record Refusal(ChatRef chat, ChatUser user, String requestId, Wording text) implements Incoming {
    }

    /**
     * A tap on an inline button: answered at once (Telegram shows a spinner until then), with
     * {@code notice} as a toast when not empty; {@code event} is what the engine should do.
     */
    record ButtonPress(String callbackQueryId, String notice, Optional<Inbound> event) implements Incoming {
    }

    /** Not for the bot: other people's chatter in a group, edits, service messages. */
    record Ignored(String why) implements Incoming {
    }
}
