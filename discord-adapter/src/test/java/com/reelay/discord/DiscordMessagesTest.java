package com.reelay.discord;

import com.reelay.core.testing.EnglishButtons;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.reelay.core.chat.Action;
import com.reelay.core.chat.Phrasebook;
import com.reelay.core.chat.Reply;
import java.util.List;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.Test;

/** Replies as the JSON JDA sends to Discord. */
class DiscordMessagesTest {

    private static DataObject create(Reply reply, long mention) {
        return DiscordMessages.create(reply, mention, List.of()).toData();
    }

    @Test
    void nothingAnAgentOrAPersonWritesCanPing() {
        DataObject json = create(Reply.text("@everyone look! @here too, <@123456789012345678> and <@&987654321098765432>"), 0);

        assertEquals("{\"parse\":[],\"replied_user\":false}", json.getObject("allowed_mentions").toString());
        String content = json.getString("content");
        assertFalse(content.contains("@everyone") || content.contains("@here"), content);
        assertTrue(content.contains("\\<@123456789012345678>") && content.contains("\\<@&987654321098765432>"), content);
    }

    @Test
    void theOnlyPingIsThePersonsOwnMention() {
        DataObject json = create(Reply.text("🎬 Rendering your video… 60%"), 1_100_000_000_000_000_004L);

        assertEquals("<@1100000000000000004> 🎬 Rendering your video… 60%", json.getString("content"));
        assertEquals("{\"parse\":[],\"replied_user\":false,\"users\":[\"1100000000000000004\"]}",
                json.getObject("allowed_mentions").toString());
    }

    @Test
    void actionsAreButtonsWithTheirIds() {
        DataObject row = create(new Reply("Done.", EnglishButtons.of(Action.EXPORT, Action.STATUS, Action.NEW_PROJECT)), 0)
                .getArray("components").getObject(0);

        assertEquals(1, row.getInt("type"));
        DataObject export = row.getArray("components").getObject(0);
        assertEquals(List.of(2, 1, "export", "Export"), List.of(export.getInt("type"), export.getInt("style"),
                export.getString("custom_id"), export.getString("label")));
        assertEquals(List.of("status", "new_project"), List.of(row.getArray("components").getObject(1).getString("custom_id"),
                row.getArray("components").getObject(2).getString("custom_id")));
        assertEquals(2, row.getArray("components").getObject(1).getInt("style"), "secondary");
    }

    @Test
    void anEditReplacesTextEmbedsAndButtons() {
        DataObject json = DiscordMessages.edit(Reply.text("✅ Rendered."), 0, List.of()).toData();

        assertEquals("✅ Rendered.", json.getString("content"));
        assertTrue(json.getArray("components").isEmpty(), "buttons of the progress are removed");
        assertTrue(json.getArray("embeds").isEmpty());
        assertEquals("{\"parse\":[],\"replied_user\":false}", json.getObject("allowed_mentions").toString());
    }

    @Test
    void theTimelineSummaryIsAnEmbed() {
        DataObject json = create(new Reply("Timeline (3 tracks):\n1. Video: city_timelapse (0-10s)\n2. BGM: Lo-fi (0-10s, 35%)\n"
                + "3. Title: \"Urban Dreams\" (0-3s)", EnglishButtons.of(Action.EXPORT)), 0);

        DataObject embed = json.getArray("embeds").getObject(0);
        assertEquals("🎞️ Timeline (3 tracks)", embed.getString("title"));
        assertEquals("1. Video: city\\_timelapse (0-10s)\n2. BGM: Lo-fi (0-10s, 35%)\n3. Title: \"Urban Dreams\" (0-3s)",
                embed.getString("description"));
        assertEquals("", json.getString("content"));
        assertEquals(1, json.getArray("components").length());
    }

    @Test
    void aFullLengthReplyFitsDiscordsLimitWithItsMention() {
        String text = "*_".repeat(DiscordMessages.TEXT_LIMIT / 2);
        String content = create(Reply.text(text), 1_100_000_000_000_000_004L).getString("content");

        assertTrue(content.length() <= 2000, "length " + content.length());
        assertEquals(text, content.substring("<@1100000000000000004> ".length()).replace("\\", ""), "nothing cut");
    }
}
