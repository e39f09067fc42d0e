package com.reelay.discord;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.dv8tion.jda.api.interactions.IntegrationType;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

/**
 * Reelay's slash commands, registered at start. They run in servers that installed the bot and in
 * DMs with it; a user-installed app could not post the channel messages long jobs need.
 */
final class SlashCommands {

    static final String VIDEO = "video";
    static final String PROMPT = "prompt";
    /** Attachment options of /video: Discord has no "several files" option, so there are a few. */
    static final List<String> FILES = List.of("file", "file2", "file3", "file4");

    /** Answers only the person who asked needs to see. */
    private static final Set<String> PRIVATE = Set.of("help", "credits", "cancel");

    private SlashCommands() {
    }

    static List<CommandData> all() {
        SlashCommandData video = Commands.slash(VIDEO, "Make or change the video of this channel's project")
                .addOption(OptionType.STRING, PROMPT, "What to make or change, e.g. \"a 10-second city timelapse at night\"",
                        false);
        for (int i = 0; i < FILES.size(); i++) {
            video.addOption(OptionType.ATTACHMENT, FILES.get(i),
                    i == 0 ? "A photo, clip or song to use" : "Another file to use", false);
        }
        List<CommandData> commands = new ArrayList<>();
        commands.add(video);
        commands.add(Commands.slash("export", "Render the project and get the video"));
        commands.add(Commands.slash("status", "Show the project's timeline"));
        commands.add(Commands.slash("credits", "Show the NemoVideo credit balance"));
        commands.add(Commands.slash("new", "Start a new project"));
        commands.add(Commands.slash("cancel", "Drop requests waiting in line"));
        commands.add(Commands.slash("help", "What Reelay can do"));
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
}
