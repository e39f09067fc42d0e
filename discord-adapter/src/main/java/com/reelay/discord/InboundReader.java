package com.reelay.discord;

import com.reelay.core.chat.Action;
import com.reelay.core.chat.Attachment;
import com.reelay.core.chat.ChatUser;
import com.reelay.core.chat.Inbound;
import com.reelay.core.chat.Phrasebook;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.entities.MessageType;
import net.dv8tion.jda.api.interactions.DiscordLocale;
import net.dv8tion.jda.api.interactions.Interaction;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.SlashCommandInteraction;
import net.dv8tion.jda.api.interactions.components.buttons.ButtonInteraction;

/**
 * Reads what a person did on Discord as the engine's {@link Inbound}: slash commands and buttons,
 * and, without the privileged message-content intent, the messages Discord shows a bot anyway:
 * DMs and messages that mention it. Everything else in a channel is chatter and is ignored.
 */
final class InboundReader {

    private static final Pattern COMMAND = Pattern.compile("/([a-z]+)(?:\\s+(.*))?", Pattern.DOTALL);

    private final SessionScope scope;
    private final AttachmentDownloads downloads;
    /** Each person's locale from their last interaction: DMs and mentions carry none. */
    private final Cache<Long, String> userLocales = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofDays(30))
            .maximumSize(100_000)
            .build();

    InboundReader(SessionScope scope, AttachmentDownloads downloads) {
        this.scope = scope;
        this.downloads = downloads;
    }

    /** {@code /video prompt:… file:…} becomes files with their prompt, or the prompt as {@code video}; others are commands. */
    Inbound fromSlashCommand(SlashCommandInteraction interaction) {
        String name = interaction.getName();
        Inbound.Content content;
        if (SlashCommands.VIDEO.equals(name)) {
            String prompt = interaction.getOption(SlashCommands.PROMPT, "", OptionMapping::getAsString).strip();
            List<Attachment> files = new ArrayList<>();
            for (String option : SlashCommands.FILES) {
                OptionMapping file = interaction.getOption(option);
                if (file != null) {
                    files.add(downloads.upload(file.getAsAttachment()));
                }
            }
            content = files.isEmpty() ? new Inbound.Command(SlashCommands.VIDEO, prompt) : new Inbound.Files(files, prompt);
        } else {
            content = new Inbound.Command(name, "");
        }
        return new Inbound(chat(interaction).chatRef(), user(interaction), RequestIds.forInteraction(interaction.getIdLong()),
                content, !interaction.isFromGuild());
    }

    /** Empty for a button that is not one of Reelay's actions. */
    Optional<Inbound> fromButton(ButtonInteraction interaction) {
        return Action.fromId(interaction.getComponentId()).map(action -> new Inbound(chat(interaction).chatRef(),
                user(interaction), RequestIds.forInteraction(interaction.getIdLong()), new Inbound.Button(action),
                !interaction.isFromGuild()));
    }

    /**
     * A DM, or a server message that mentions the bot ({@code selfId}), with the mention taken out:
     * text, a {@code /command}, or files with their caption. Empty for anything else.
     */
    Optional<Inbound> fromMessage(Message message, long selfId) {
        User author = message.getAuthor();
        if (author.isBot() || author.isSystem() || message.isWebhookMessage()
                || (message.getType() != MessageType.DEFAULT && message.getType() != MessageType.INLINE_REPLY)) {
            return Optional.empty();
        }
        boolean direct = message.isFromType(ChannelType.PRIVATE);
        boolean mentioned = message.getMentions().getUsers().stream().anyMatch(u -> u.getIdLong() == selfId);
        if (!direct && !mentioned) {
            return Optional.empty();
        }
        String text = message.getContentRaw().replaceAll("<@!?" + Long.toUnsignedString(selfId) + ">", " ")
                .replaceAll("[ \\t]+", " ").strip();
        Inbound.Content content;
        if (!message.getAttachments().isEmpty()) {
            content = new Inbound.Files(message.getAttachments().stream().<Attachment>map(downloads::upload).toList(), text);
        } else {
            var command = COMMAND.matcher(text);
            content = command.matches()
                    ? new Inbound.Command(command.group(1).toLowerCase(Locale.ROOT), command.group(2))
                    : new Inbound.Text(text);
        }
        ChatAddress chat = ChatAddress.of(message.getChannelIdLong(), author.getIdLong(), direct, scope);
        Member member = message.getMember();
        String name = member != null ? member.getEffectiveName() : author.getEffectiveName();
        String language = userLocales.getIfPresent(author.getIdLong());
        if (!direct && (scope == SessionScope.CHANNEL || language == null)) {
            Guild guild = message.getJDA().getGuildById(message.getGuildIdLong());
            String server = guild == null ? "" : tag(guild.getLocale());
            language = server.isEmpty() && language != null ? language : server;
        }
        return Optional.of(new Inbound(chat.chatRef(), new ChatUser(author.getId(), name, language),
                RequestIds.forMessage(message.getIdLong()), content, direct));
    }

    ChatAddress chat(Interaction interaction) {
        return ChatAddress.of(interaction.getChannelIdLong(), interaction.getUser().getIdLong(), !interaction.isFromGuild(),
                scope);
    }

    private ChatUser user(Interaction interaction) {
        Member member = interaction.getMember();
        User user = interaction.getUser();
        String name = member != null ? member.getEffectiveName() : user.getEffectiveName();
        return new ChatUser(user.getId(), name, languageTag(interaction));
    }

    /**
     * The language to answer an interaction in: in a channel everyone shares, the server's (what
     * all of them read); in a DM or a channel where each person has their own project, the person's.
     */
    String languageTag(Interaction interaction) {
        String own = tag(interaction.getUserLocale());
        if (!own.isEmpty()) {
            userLocales.put(interaction.getUser().getIdLong(), own);
        }
        if (interaction.isFromGuild() && scope == SessionScope.CHANNEL) {
            String server = tag(interaction.getGuildLocale());
            return server.isEmpty() ? own : server;
        }
        return own;
    }

    /** The phrasebook for what the front end itself says in answer to an interaction. */
    Phrasebook book(Interaction interaction) {
        return Phrasebook.of(languageTag(interaction));
    }

    private static String tag(DiscordLocale locale) {
        return locale == null || locale == DiscordLocale.UNKNOWN ? "" : locale.getLocale();
    }
}
