package com.reelay.app.fleet;

import com.reelay.core.chat.ChatRef;
import com.reelay.core.conversation.ConversationEngine;
import com.reelay.postgres.fleet.FleetNode;
import com.reelay.postgres.fleet.InboxItem;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this instance does with the fleet's decisions: the platforms it runs (it can answer their
 * chats), who reads each inbox source back, whose send budgets follow the fleet's size, and the
 * engine that resumes a chat taken over.
 */
public final class FleetHost implements FleetNode.Host {

    private static final Logger log = LoggerFactory.getLogger(FleetHost.class);

    private final ConversationEngine engine;
    private final Runnable onExpelled;
    private final Map<String, InboxReader> readers = new ConcurrentHashMap<>();
    private final Map<String, Predicate<ChatRef>> platforms = new ConcurrentHashMap<>();
    private final List<IntConsumer> shares = new CopyOnWriteArrayList<>();
    private volatile int size = 1;

    /** @param onExpelled what to do once the fleet has given this instance's chats to others */
    public FleetHost(ConversationEngine engine, Runnable onExpelled) {
        this.engine = engine;
        this.onExpelled = onExpelled;
    }

    /**
     * How a front end reads its inbox items back: {@code run} handles one, {@code requestIdOf}
     * names the request it carries (as the front end names it to the engine), empty if none.
     */
    public record InboxReader(Consumer<String> run, Function<String, Optional<String>> requestIdOf) {
    }

    /**
     * This instance runs {@code platform}: it adopts that platform's chats it {@code reaches},
     * hands inbox items of that source to {@code reader} (null: the platform's requests never pass
     * through the inbox) and splits the platform's per-bot allowance with the fleet through
     * {@code share} (null: no per-bot allowance).
     */
    public void serve(String platform, Predicate<ChatRef> reaches, InboxReader reader, IntConsumer share) {
        if (reader != null) {
            readers.put(platform, reader);
        }
        if (share != null) {
            shares.add(share);
            share.accept(size); // the fleet's size is known already: never a moment at the whole allowance
        }
        platforms.put(platform, reaches);
    }

    @Override
    public boolean serves(String chatKey) {
        ChatRef chat = ChatRef.fromKey(chatKey);
        Predicate<ChatRef> reaches = platforms.get(chat.platform());
        return reaches != null && reaches.test(chat);
    }

    @Override
    public void adopt(List<String> chatKeys) {
        engine.adopt(chatKeys);
    }

    @Override
    public void deliver(InboxItem item) {
        InboxReader reader = readers.get(item.source());
        if (reader == null) {
            log.error("inbox item from a source this instance does not read, dropped chat={} source={} item={}",
                    item.chatKey(), item.source(), item.id());
            return;
        }
        reader.run().accept(item.payload());
    }

    @Override
    public boolean alreadyTaken(InboxItem item) {
        InboxReader reader = readers.get(item.source());
        return reader != null && reader.requestIdOf().apply(item.payload()).map(engine::adopted).orElse(false);
    }

    @Override
    public void fleetSize(int live) {
        size = live;
        shares.forEach(share -> share.accept(live));
    }

    @Override
    public void expelled() {
        onExpelled.run();
    }
}
