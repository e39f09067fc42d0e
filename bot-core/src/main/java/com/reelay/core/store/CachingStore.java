package com.reelay.core.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.reelay.core.nemo.AnonymousIdentity;
import java.util.Optional;

/**
 * Keeps hot chat state in memory in front of a durable store. Writes go through to the store
 * first, so the cache never holds anything the store does not; its size is bounded. Only chat
 * state, identities and languages are cached: queues, render jobs, the guard's prompt log and
 * the readiness probe always reach the store, since a restart or an operator must see every row.
 */
public final class CachingStore extends ForwardingStore {

    private final ReelayStore durable;
    private final Cache<String, Optional<ChatState>> chats;
    private final Cache<String, Optional<AnonymousIdentity>> identities;
    /** Read for every message (which language to answer in), written rarely. */
    private final Cache<String, Optional<String>> languages;

    public CachingStore(ReelayStore durable, long maxChats) {
        super(durable);
        this.durable = durable;
        this.chats = Caffeine.newBuilder().maximumSize(maxChats).build();
        this.identities = Caffeine.newBuilder().maximumSize(maxChats).build();
        this.languages = Caffeine.newBuilder().maximumSize(maxChats).build();
    }

    @Override
    public Optional<ChatState> chat(String chatKey) {
        return chats.get(chatKey, durable::chat);
    }

    @Override
    public void saveChat(ChatState state) {
        durable.saveChat(state);
        chats.put(state.chatKey(), Optional.of(state));
    }

    @Override
    public Optional<AnonymousIdentity> identity(String chatKey) {
        return identities.get(chatKey, durable::identity);
    }

    @Override
    public void saveIdentity(String chatKey, AnonymousIdentity identity) {
        durable.saveIdentity(chatKey, identity);
        identities.put(chatKey, Optional.of(identity));
    }

    @Override
    public Optional<String> chatLanguage(String chatKey) {
        return languages.get(chatKey, durable::chatLanguage);
    }

    @Override
    public void saveChatLanguage(String chatKey, String language) {
        durable.saveChatLanguage(chatKey, language);
        languages.put(chatKey, language == null || language.isBlank() ? Optional.empty() : Optional.of(language));
    }
}
