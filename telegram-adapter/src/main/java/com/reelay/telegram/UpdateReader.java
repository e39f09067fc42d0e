package com.reelay.telegram;

import com.reelay.core.chat.Action;
import com.reelay.core.chat.Attachment;
import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.ChatUser;
import com.reelay.core.chat.Inbound;
import com.reelay.core.chat.FilePolicy;
import com.reelay.core.chat.Phrasebook;
import com.reelay.core.chat.Wording;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.MessageEntity;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.chat.Chat;
import org.telegram.telegrambots.meta.api.objects.message.MaybeInaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * Reads a Telegram update as the chat port's {@link Inbound}: text, commands ({@code /cmd} and
 * {@code /cmd@thisbot}), files with their caption as the prompt, button presses. In groups only
 * what is addressed to the bot counts: commands, mentions and replies to its messages.
 * Files too big for the Bot API to hand over are refused here, before anything is downloaded.
 */
final class UpdateReader {

    /** Opens a Telegram file by id; called only once the engine accepted the file. */
    @FunctionalInterface
    interface FileOpener {
        InputStream open(String fileId) throws IOException;
    }

    private static final Pattern COMMAND =
            Pattern.compile("^/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{1,64}))?(?:\\s+([\\s\\S]*))?$");

    private final BotIdentity bot;
    private final long downloadLimit;
    private final FileOpener files;
    private final Pattern mention;

    UpdateReader(BotIdentity bot, long downloadLimit, FileOpener files) {
        this.bot = bot;
        this.downloadLimit = downloadLimit;
        this.files = files;
        this.mention = bot.username().isEmpty() ? Pattern.compile("(?!)")
                : Pattern.compile("(?i)(?<![\\w@])@" + Pattern.quote(bot.username()) + "(?!\\w)");
    }

    Incoming read(Update update) {
        if (update.hasCallbackQuery()) {
            return button(update.getCallbackQuery());
        }
        if (update.hasMessage()) {
            return message(update.getMessage());
        }
        return new Incoming.Ignored(update.hasEditedMessage() ? "edited message" : "not a message");
    }

    private Incoming button(CallbackQuery query) {
        MaybeInaccessibleMessage under = query.getMessage();
        if (under == null || under.getChatId() == null) {
            return new Incoming.ButtonPress(query.getId(), "", Optional.empty());
        }
        Optional<Action> action = Action.fromId(query.getData() == null ? "" : query.getData());
        if (action.isEmpty()) {
            return new Incoming.ButtonPress(query.getId(), Phrasebook.of(query.getFrom() == null ? ""
                    : query.getFrom().getLanguageCode()).phrase("button.gone"), Optional.empty());
        }
        long chatId = under.getChatId();
        Inbound event = new Inbound(chat(chatId), user(query.getFrom()), RequestIds.forButton(chatId, query.getId()),
                new Inbound.Button(action.get()), oneToOne(chatId));
        return new Incoming.ButtonPress(query.getId(), "", Optional.of(event));
    }

    /** Telegram gives private chats the person's (positive) id, and groups negative ids. */
    static boolean oneToOne(long chatId) {
        return chatId > 0;
    }

    private Incoming message(Message m) {
        Chat chat = m.getChat();
        if (m.getFrom() == null || chat == null || chat.isChannelChat()) {
            return new Incoming.Ignored("no sender");
        }
        boolean group = chat.isGroupChat() || chat.isSuperGroupChat();
        ChatRef ref = chat(chat.getId());
        ChatUser user = user(m.getFrom());
        String requestId = RequestIds.forMessage(chat.getId(), m.getMessageId());

        if (m.hasText()) {
            return text(m, group, ref, user, requestId);
        }
        boolean addressed = !group || repliesToBot(m) || mentionsBot(m.getCaption(), m.getCaptionEntities());
        Optional<MediaFile> media = MediaFile.of(m);
        if (media.isPresent()) {
            return file(m, media.get(), addressed, ref, user, requestId);
        }
        if (!addressed) {
            return new Incoming.Ignored("group chatter");
        }
        if (m.hasVoice()) {
            return new Incoming.Refusal(ref, user, requestId, TelegramPhrases.voiceNote());
        }
        if (m.hasSticker() || m.hasLocation() || m.hasContact() || m.hasPoll() || m.hasDice() || m.hasStory()
                || m.hasGame() || m.hasPaidMedia() || m.getVenue() != null) {
            return new Incoming.Refusal(ref, user, requestId, TelegramPhrases.unsupportedMessage());
        }
        return new Incoming.Ignored("service message");
    }

    private Incoming text(Message m, boolean group, ChatRef ref, ChatUser user, String requestId) {
        String text = m.getText();
        Matcher command = COMMAND.matcher(text.strip());
        if (command.matches()) {
            String target = command.group(2);
            if (target != null && !target.equalsIgnoreCase(bot.username())) {
                return new Incoming.Ignored("command for another bot");
            }
            return new Incoming.Event(new Inbound(ref, user, requestId,
                    new Inbound.Command(command.group(1).toLowerCase(Locale.ROOT), strip(command.group(3))),
                    oneToOne(m.getChatId())));
        }
        if (group && !repliesToBot(m) && !mentionsBot(text, m.getEntities())) {
            return new Incoming.Ignored("group chatter");
        }
        return new Incoming.Event(new Inbound(ref, user, requestId, new Inbound.Text(withoutMention(text)),
                oneToOne(m.getChatId())));
    }

    private Incoming file(Message m, MediaFile media, boolean addressed, ChatRef ref, ChatUser user, String requestId) {
        String caption = withoutMention(m.getCaption() == null ? "" : m.getCaption());
        Optional<Wording> refusal = tooBigToDownload(media);
        Optional<Attachment> attachment = refusal.isPresent() ? Optional.empty() : Optional.of(
                new Attachment.Upload(media.name(), media.size(), media.mediaType(), () -> files.open(media.fileId())));
        if (m.getMediaGroupId() != null) {
            String key = ref.id() + "/" + m.getMediaGroupId();
            return new Incoming.AlbumItem(key, ref, user, m.getMessageId(), attachment, caption, refusal, addressed);
        }
        if (!addressed) {
            return new Incoming.Ignored("group chatter");
        }
        if (refusal.isPresent()) {
            return new Incoming.Refusal(ref, user, requestId, refusal.get());
        }
        return new Incoming.Event(new Inbound(ref, user, requestId, new Inbound.Files(List.of(attachment.get()), caption),
                oneToOne(m.getChatId())));
    }

    /**
     * Files NemoVideo would take but the Bot API won't hand over. The engine answers for wrong
     * types and for files over NemoVideo's own limit, so those pass through.
     */
    private Optional<Wording> tooBigToDownload(MediaFile media) {
        if (media.size() > downloadLimit && FilePolicy.isAccepted(media.name())
                && FilePolicy.fitsSizeLimit(media.size())) {
            return Optional.of(TelegramPhrases.tooBigForBotApi(media.name(), media.size(), downloadLimit));
        }
        return Optional.empty();
    }

    private boolean repliesToBot(Message m) {
        Message original = m.getReplyToMessage();
        return original != null && original.getFrom() != null && original.getFrom().getId() != null
                && original.getFrom().getId() == bot.id();
    }

    private boolean mentionsBot(String text, List<MessageEntity> entities) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        if (entities != null) {
            for (MessageEntity e : entities) {
                if ("text_mention".equals(e.getType()) && e.getUser() != null && e.getUser().getId() == bot.id()) {
                    return true;
                }
            }
        }
        return mention.matcher(text).find();
    }

    private String withoutMention(String text) {
        Matcher m = mention.matcher(text);
        return m.find() ? m.replaceAll(" ").replaceAll("[ \\t]{2,}", " ").strip() : text.strip();
    }

    /** The request id the engine gets for an update (a message, or a button press), as read() names it. */
    static Optional<String> requestIdOf(Update update) {
        if (update.getMessage() != null) {
            return Optional.of(RequestIds.forMessage(update.getMessage().getChatId(), update.getMessage().getMessageId()));
        }
        CallbackQuery query = update.getCallbackQuery();
        if (query != null && query.getMessage() != null) {
            return Optional.of(RequestIds.forButton(query.getMessage().getChatId(), query.getId()));
        }
        return Optional.empty();
    }

    /**
     * The key of the chat an update belongs to, for a fleet's inbox (its owner runs it); updates
     * of no chat share one key, so one instance handles them in order.
     */
    static String chatKeyOf(Update update) {
        Message m = update.getMessage();
        if (m == null && update.getCallbackQuery() != null
                && update.getCallbackQuery().getMessage() != null) {
            return chat(update.getCallbackQuery().getMessage().getChatId()).key();
        }
        return m != null ? chat(m.getChatId()).key() : TelegramOutput.PLATFORM + ":none";
    }

    private static ChatRef chat(long chatId) {
        return new ChatRef(TelegramOutput.PLATFORM, Long.toString(chatId));
    }

    private static ChatUser user(User u) {
        String name = u.getFirstName() == null ? "" : u.getFirstName();
        if (u.getLastName() != null && !u.getLastName().isBlank()) {
            name = name + " " + u.getLastName();
        }
        return new ChatUser(Long.toString(u.getId()), name.strip(), u.getLanguageCode());
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }
}
