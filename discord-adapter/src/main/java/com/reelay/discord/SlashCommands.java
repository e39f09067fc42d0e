package com.reelay.discord;

import com.reelay.core.chat.Phrasebook;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.dv8tion.jda.api.interactions.DiscordLocale;
import net.dv8tion.jda.api.interactions.IntegrationType;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

/**
 * Reelay's slash commands, registered at start. They run in servers that installed the bot and in
 * DMs with it; a user-installed app could not post the channel messages long jobs need. Names and
 * descriptions are in English, localized for every Discord locale of each shipped language
 * ({@code discord.name.*}, {@code discord.command.*}); interactions still report the English name.
 */
final class SlashCommands {

    static final String VIDEO = "video";
    static final String PROMPT = "prompt";
    static final String LANGUAGE = "language";
    /** Attachment options of /video: Discord has no "several files" option, so there are a few. */
    static final List<String> FILES = List.of("file", "file2", "file3", "file4");
    private static final List<String> SIMPLE = List.of("export", "status", "credits", "new", "projects");

    /** Answers only the person who asked needs to see. */
    private static final Set<String> PRIVATE = Set.of("help", "credits", "cancel");

    private SlashCommands() {
    }

    static List<CommandData> all() {
        Localized text = new Localized();
        SlashCommandData video = text.command(VIDEO);
        video.addOptions(text.option(OptionType.STRING, PROMPT, "discord.name.video.prompt", "discord.command.video.prompt"));
        for (int i = 0; i < FILES.size(); i++) {
            video.addOptions(text.option(OptionType.ATTACHMENT, FILES.get(i), null,
                    i == 0 ? "discord.command.video.file" : "discord.command.video.more_files"));
        }
        List<CommandData> commands = new ArrayList<>();
        commands.add(video);
        SIMPLE.forEach(name -> commands.add(text.command(name)));
        commands.add(text.command(LANGUAGE).addOptions(text.option(OptionType.STRING, LANGUAGE,
                "discord.name.language.option", "discord.command.language.option")));
        commands.add(text.command("cancel"));
        commands.add(text.command("help"));
        for (CommandData command : commands) {
            command.setContexts(InteractionContextType.GUILD, InteractionContextType.BOT_DM)
                    .setIntegrationTypes(IntegrationType.GUILD_INSTALL);
        }
        return commands;
    }

    /** Whether the answers to {@code command} are ephemeral. */
    static boolean answersPrivately(String command) {
        return PRIVATE.contains(command);
    }

    /** Each command's and option's English text, with the other shipped languages as Discord localizations. */
    private static final class Localized {
        private final Map<DiscordLocale, Phrasebook> books = new HashMap<>();

        Localized() {
            for (DiscordLocale locale : DiscordLocale.values()) {
                if (locale == DiscordLocale.UNKNOWN) {
                    continue;
                }
                String language = locale.getLocale().split("-")[0].toLowerCase(Locale.ROOT);
                if (!language.equals(Phrasebook.DEFAULT_LANGUAGE)) {
                    Phrasebook.find(language).ifPresent(book -> books.put(locale, book));
                }
            }
        }

        SlashCommandData command(String name) {
            SlashCommandData command = Commands.slash(name, Phrasebook.english().phrase("discord.command." + name));
            books.forEach((locale, book) -> {
                command.setNameLocalization(locale, book.phrase("discord.name." + name));
                command.setDescriptionLocalization(locale, book.phrase("discord.command." + name));
            });
            return command;
        }

        OptionData option(OptionType type, String name, String nameKey, String descriptionKey) {
            OptionData option = new OptionData(type, name, Phrasebook.english().phrase(descriptionKey), false);
            books.forEach((locale, book) -> {
                if (nameKey != null) {
                    option.setNameLocalization(locale, book.phrase(nameKey));
                }
                option.setDescriptionLocalization(locale, book.phrase(descriptionKey));
            });
            return option;
        }
    }
}
