package com.reelay.core.conversation;

import com.reelay.core.chat.ChatRef;
import com.reelay.core.nemo.AnonymousIdentity;
import com.reelay.core.nemo.IdentityKeeper;
import com.reelay.core.nemo.NemoAuth;
import com.reelay.core.nemo.NemoClient;
import com.reelay.core.nemo.NemoException;
import com.reelay.core.nemo.NemoSession;
import com.reelay.core.store.ChatState;
import com.reelay.core.store.ReelayStore;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One NemoVideo session per chat, and who it belongs to: the operator's token for every chat
 * when NEMO_TOKEN is set, otherwise an anonymous identity per chat, kept in the store and reused.
 */
final class ChatSessions {

    private static final Logger log = LoggerFactory.getLogger(ChatSessions.class);

    /** A chat's session as the engine uses it. */
    record Session(NemoAuth auth, String sessionId, String language) {
    }

    private final NemoClient client;
    private final ReelayStore store;
    private final NemoAuth sharedAuth;
    private final Clock clock;
    private final Cache<String, NemoAuth> auths;

    ChatSessions(NemoClient client, ReelayStore store, Optional<String> nemoToken, Clock clock) {
        this.client = client;
        this.store = store;
        this.sharedAuth = nemoToken.map(NemoAuth::fixedToken).orElse(null);
        this.clock = clock;
        this.auths = Caffeine.newBuilder().maximumSize(100_000).build();
    }

    NemoAuth auth(ChatRef chat) {
        if (sharedAuth != null) {
            return sharedAuth;
        }
        return auths.get(chat.key(), key -> NemoAuth.anonymous(new StoreKeeper(store, key)));
    }

    Optional<Session> existing(ChatRef chat) {
        return store.chat(chat.key()).filter(ChatState::hasSession)
                .map(s -> new Session(auth(chat), s.sessionId(), s.language()));
    }

    /** The chat's session, created on first use in {@code language}. */
    Session ensure(ChatRef chat, String language, String requestId) throws NemoException {
        Optional<Session> existing = existing(chat);
        if (existing.isPresent()) {
            return existing.get();
        }
        return create(chat, language, requestId);
    }

    /** A fresh session (a new project, or after the old one was lost); forgets the old draft. */
    Session create(ChatRef chat, String language, String requestId) throws NemoException {
        NemoAuth auth = auth(chat);
        NemoSession session = client.createSession(auth, language);
        ChatState state = store.chat(chat.key()).orElse(ChatState.fresh(chat.key(), clock.instant()));
        store.saveChat(state.withSession(session.sessionId(), language, clock.instant()));
        log.info("session created chat={} request={} language={}", chat, requestId, language);
        return new Session(auth, session.sessionId(), language);
    }

    /**
     * Forgets a session NemoVideo no longer knows, unless the chat has moved on to another one.
     * Creating the replacement is left to the chat's next request, inside its lane, so two
     * paths never race to create two sessions.
     */
    void forgetLost(ChatRef chat, String sessionId) {
        store.chat(chat.key()).filter(s -> s.sessionId().equals(sessionId))
                .ifPresent(s -> store.saveChat(s.withoutSession(clock.instant())));
    }

    String lastDraft(ChatRef chat) {
        return store.chat(chat.key()).map(ChatState::lastDraft).orElse("");
    }

    void saveDraft(ChatRef chat, String sessionId, String draftJson) {
        store.chat(chat.key()).filter(s -> s.sessionId().equals(sessionId))
                .ifPresent(s -> store.saveChat(s.withLastDraft(draftJson, clock.instant())));
    }

    /** Keeps one chat's anonymous identity in the store. */
    private static final class StoreKeeper implements IdentityKeeper {
        private final ReelayStore store;
        private final String chatKey;

        StoreKeeper(ReelayStore store, String chatKey) {
            this.store = store;
            this.chatKey = chatKey;
        }

        @Override
        public Optional<AnonymousIdentity> load() {
            return store.identity(chatKey);
        }

        @Override
        public void save(AnonymousIdentity identity) {
            store.saveIdentity(chatKey, identity);
        }
    }
}
