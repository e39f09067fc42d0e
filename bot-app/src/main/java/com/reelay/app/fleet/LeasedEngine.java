package com.reelay.app.fleet;

import com.reelay.core.chat.ChatEngine;
import com.reelay.core.chat.ChatOutput;
import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.ChatUser;
import com.reelay.core.chat.Inbound;
import com.reelay.core.chat.NotTaken;
import com.reelay.core.chat.Wording;
import com.reelay.postgres.fleet.FleetNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine as a front end that receives its chats' events directly (a Discord shard, the
 * console) sees it in a fleet: an event runs here only once this instance owns its chat, so a
 * chat is never run by two instances, and taking a chat over first resumes what it had left.
 */
public final class LeasedEngine implements ChatEngine {

    private static final Logger log = LoggerFactory.getLogger(LeasedEngine.class);

    private final ChatEngine engine;
    private final FleetNode fleet;

    public LeasedEngine(ChatEngine engine, FleetNode fleet) {
        this.engine = engine;
        this.fleet = fleet;
    }

    @Override
    public void register(String platform, ChatOutput output) {
        engine.register(platform, output);
    }

    @Override
    public void accept(Inbound event) {
        if (owns(event.chat(), event.requestId())) {
            engine.accept(event);
        }
    }

    @Override
    public void answerUnusable(ChatRef chat, ChatUser user, String requestId, Wording text) {
        if (owns(chat, requestId)) {
            engine.answerUnusable(chat, user, requestId, text);
        }
    }

    private boolean owns(ChatRef chat, String requestId) {
        boolean mine;
        try {
            mine = fleet.own(chat.key());
        } catch (RuntimeException e) {
            throw new NotTaken("the fleet's database did not answer", e);
        }
        if (mine) {
            return true;
        }
        // Only when two instances receive the same chat: overlapping DISCORD_SHARD_IDS.
        log.warn("request dropped: another live instance runs this chat (do two instances share a shard?)"
                + " chat={} request={}", chat, requestId);
        return false;
    }
}
