package com.reelay.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.core.chat.Phrasebook;
import java.util.List;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.Test;

/** The commands as registered with Discord. */
class SlashCommandsTest {

    @Test
    void theCommandsReelayRegisters() {
        List<DataObject> commands = SlashCommands.all().stream().map(CommandData::toData).toList();

        assertEquals(List.of("video", "export", "status", "credits", "new", "projects", "language", "cancel", "help"),
                commands.stream().map(c -> c.getString("name")).toList());
        for (DataObject c : commands) {
            assertEquals("[0,1]", sortedInts(c.getArray("contexts")), "servers and DMs with the bot");
            assertEquals("[0]", sortedInts(c.getArray("integration_types")), "installed in a server, not by a user");
        }
    }

    @Test
    void everyCommandAndOptionIsLocalizedForEachShippedLanguage() {
        for (DataObject c : SlashCommands.all().stream().map(CommandData::toData).toList()) {
            String name = c.getString("name");
            assertEquals(Phrasebook.of("zh").phrase("discord.name." + name), c.getObject("name_localizations").getString("zh-CN"));
            assertEquals(Phrasebook.of("zh").phrase("discord.command." + name),
                    c.getObject("description_localizations").getString("zh-CN"));
            assertEquals(Phrasebook.english().phrase("discord.command." + name), c.getString("description"));
            c.optArray("options").ifPresent(options -> options.stream(DataArray::getObject).forEach(o ->
                    assertTrue(o.getObject("description_localizations").hasKey("zh-CN"), name + " " + o)));
        }
    }

    @Test
    void videoTakesAnOptionalPromptAndSeveralFiles() {
        DataArray options = SlashCommands.all().get(0).toData().getArray("options");

        assertEquals(List.of("prompt:3", "file:11", "file2:11", "file3:11", "file4:11"),
                options.stream(DataArray::getObject).map(o -> o.getString("name") + ":" + o.getInt("type")).toList());
        assertTrue(options.stream(DataArray::getObject).noneMatch(o -> o.getBoolean("required")));
    }

    @Test
    void helpCreditsAndCancelAnswerPrivately() {
        assertTrue(SlashCommands.answersPrivately("help") && SlashCommands.answersPrivately("credits")
                && SlashCommands.answersPrivately("cancel"));
        assertFalse(SlashCommands.answersPrivately("video") || SlashCommands.answersPrivately("status"));
    }

    private static String sortedInts(DataArray array) {
        return array.stream(DataArray::getInt).sorted().toList().toString().replace(" ", "");
    }
}
