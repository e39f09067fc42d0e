package com.reelay.discord;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;

/**
 * Discord's JSON as the gateway delivers it (interactions, messages, users), for the unit tests'
 * offline JDA and the end-to-end test's fake gateway alike. Ids are real-looking snowflakes whose
 * timestamps are the moment they are made, as Discord's are.
 */
final class Payloads {

    static final long DISCORD_EPOCH_MS = 1_420_070_400_000L;
    static final long APP_ID = 1_187_654_321_098_765_432L; // the bot user has the application's id
    static final String BOT_NAME = "Reelay";
    static final String PERMISSIONS = "2248473465835073";
    static final long DEFAULT_UPLOAD_LIMIT = 10L * 1024 * 1024;

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private Payloads() {
    }

    /** A snowflake made at {@code time}: milliseconds since Discord's epoch, then worker, process and a counter. */
    static long snowflake(Instant time) {
        return ((time.toEpochMilli() - DISCORD_EPOCH_MS) << 22) | (1L << 17) | (SEQUENCE.incrementAndGet() & 0xFFF);
    }

    static long snowflake() {
        return snowflake(Instant.now());
    }

    /** A server id that Discord serves on {@code shard} of {@code total}: (id >> 22) % total == shard. */
    static long guildOnShard(int shard, int total) {
        long created = 250_000_000L * total + shard; // milliseconds since Discord's epoch: early 2015
        return (created << 22) | (SEQUENCE.incrementAndGet() & 0x3FFFFF);
    }

    /** Where something happens: a server text channel, or a DM ({@code guildId} 0). */
    record Place(long channelId, long guildId) {
        static Place guildChannel(long guildId, long channelId) {
            return new Place(channelId, guildId);
        }

        static Place dm(long channelId) {
            return new Place(channelId, 0);
        }

        boolean isDm() {
            return guildId == 0;
        }
    }

    /** Someone on Discord. */
    record Person(long id, String username, String globalName) {
        DataObject json() {
            return DataObject.empty()
                    .put("id", Long.toUnsignedString(id))
                    .put("username", username)
                    .put("global_name", globalName)
                    .put("discriminator", "0")
                    .put("avatar", null)
                    .put("public_flags", 0);
        }
    }

    static DataObject botUser() {
        return new Person(APP_ID, BOT_NAME.toLowerCase(), BOT_NAME).json().put("bot", true)
                .put("verified", true).put("mfa_enabled", false).put("flags", 0);
    }

    static DataObject member(Person person) {
        return DataObject.empty()
                .put("user", person.json())
                .put("roles", DataArray.empty())
                .put("nick", null)
                .put("joined_at", "2024-05-01T10:00:00.000000+00:00")
                .put("deaf", false)
                .put("mute", false)
                .put("flags", 0)
                .put("pending", false)
                .put("permissions", PERMISSIONS);
    }

    static DataObject textChannel(Place place) {
        return DataObject.empty()
                .put("id", Long.toUnsignedString(place.channelId()))
                .put("type", 0)
                .put("guild_id", Long.toUnsignedString(place.guildId()))
                .put("name", "video-lab")
                .put("position", 0)
                .put("permission_overwrites", DataArray.empty())
                .put("nsfw", false)
                .put("parent_id", null)
                .put("topic", null)
                .put("last_message_id", null)
                .put("rate_limit_per_user", 0)
                .put("flags", 0)
                .put("permissions", PERMISSIONS);
    }

    static DataObject dmChannel(Place place, Person person) {
        return DataObject.empty()
                .put("id", Long.toUnsignedString(place.channelId()))
                .put("type", 1)
                .put("last_message_id", null)
                .put("flags", 0)
                .put("recipients", DataArray.empty().add(person.json()));
    }

    static DataObject stringOption(String name, String value) {
        return DataObject.empty().put("name", name).put("type", 3).put("value", value);
    }

    /** An attachment as Discord describes it in an interaction's resolved data or a message. */
    static DataObject attachment(long id, String fileName, long size, String contentType, String url) {
        DataObject json = DataObject.empty()
                .put("id", Long.toUnsignedString(id))
                .put("filename", fileName)
                .put("size", size)
                .put("url", url)
                .put("proxy_url", url)
                .put("ephemeral", true);
        if (contentType != null) {
            json.put("content_type", contentType);
        }
        return json;
    }

    /** {@code /name} with string options and attachment options ({@code file}, {@code file2}, … in order). */
    static DataObject slashCommand(long id, String token, Place place, Person person, String locale, String name,
                                   List<DataObject> stringOptions, List<DataObject> attachments) {
        DataArray options = DataArray.empty();
        stringOptions.forEach(options::add);
        DataObject resolved = DataObject.empty();
        for (int i = 0; i < attachments.size(); i++) {
            DataObject a = attachments.get(i);
            options.add(DataObject.empty().put("name", SlashCommands.FILES.get(i)).put("type", 11)
                    .put("value", a.getString("id")));
            resolved.put(a.getString("id"), a);
        }
        DataObject data = DataObject.empty()
                .put("id", Long.toUnsignedString(snowflake()))
                .put("name", name)
                .put("type", 1)
                .put("options", options);
        if (!attachments.isEmpty()) {
            data.put("resolved", DataObject.empty().put("attachments", resolved));
        }
        return interaction(id, token, 2, place, person, locale, data);
    }

    /** A press of the button {@code customId} under the bot's message {@code message}. */
    static DataObject buttonPress(long id, String token, Place place, Person person, String customId, DataObject message) {
        DataObject data = DataObject.empty().put("custom_id", customId).put("component_type", 2);
        return interaction(id, token, 3, place, person, "en-US", data).put("message", message);
    }

    private static DataObject interaction(long id, String token, int type, Place place, Person person, String locale,
                                          DataObject data) {
        DataObject json = DataObject.empty()
                .put("id", Long.toUnsignedString(id))
                .put("application_id", Long.toUnsignedString(APP_ID))
                .put("type", type)
                .put("token", token)
                .put("version", 1)
                .put("locale", locale)
                .put("app_permissions", PERMISSIONS)
                .put("entitlements", DataArray.empty())
                .put("attachment_size_limit", DEFAULT_UPLOAD_LIMIT)
                .put("channel_id", Long.toUnsignedString(place.channelId()))
                .put("data", data);
        if (place.isDm()) {
            json.put("context", 1)
                    .put("authorizing_integration_owners", DataObject.empty().put("0", "0"))
                    .put("user", person.json())
                    .put("channel", dmChannel(place, person));
        } else {
            String guild = Long.toUnsignedString(place.guildId());
            json.put("context", 0)
                    .put("authorizing_integration_owners", DataObject.empty().put("0", guild))
                    .put("guild_id", guild)
                    .put("guild_locale", "en-US")
                    .put("guild", DataObject.empty().put("id", guild).put("locale", "en-US").put("features", DataArray.empty()))
                    .put("member", member(person))
                    .put("channel", textChannel(place));
        }
        return json;
    }

    /** A message as MESSAGE_CREATE carries it; {@code mentions} are the people it pings. */
    static DataObject message(long id, Place place, Person author, boolean bot, String content,
                              List<DataObject> attachments, List<Person> mentions) {
        DataArray mentioned = DataArray.empty();
        mentions.forEach(p -> mentioned.add(p.json()));
        DataArray files = DataArray.empty();
        attachments.forEach(files::add);
        DataObject json = DataObject.empty()
                .put("id", Long.toUnsignedString(id))
                .put("channel_id", Long.toUnsignedString(place.channelId()))
                .put("type", 0)
                .put("content", content)
                .put("author", bot ? botUser() : author.json())
                .put("attachments", files)
                .put("embeds", DataArray.empty())
                .put("components", DataArray.empty())
                .put("mentions", mentioned)
                .put("mention_roles", DataArray.empty())
                .put("mention_everyone", false)
                .put("pinned", false)
                .put("tts", false)
                .put("flags", 0)
                .put("timestamp", Instant.ofEpochMilli((id >>> 22) + DISCORD_EPOCH_MS).toString())
                .put("edited_timestamp", null);
        if (!place.isDm()) {
            json.put("guild_id", Long.toUnsignedString(place.guildId()));
            if (!bot) {
                json.put("member", member(author).remove("user"));
            }
        }
        return json;
    }
}
