/**
 * Discord as a front end of the conversation engine, on JDA.
 *
 * <p>{@link com.reelay.discord.DiscordFrontEnd} is the entry point and
 * {@link com.reelay.discord.DiscordSettings} its settings; everything else is package-private.
 * {@code GatewayShards} holds the instance's gateway sessions: one, or its shards of the bot.
 * Inbound: {@code DiscordEvents} receives JDA's events, acknowledges interactions at once and hands
 * {@code InboundReader}'s translation to the engine. Outbound: {@code DiscordOutput} routes each
 * answer through the interaction's token or the channel ({@code InteractionDeadlines} decides when),
 * {@code DiscordMessages} renders it safely, and {@code DiscordTransport} is the seam to JDA's REST
 * calls ({@code JdaTransport}), which tests replace with a recording double.
 */
package com.reelay.discord;
