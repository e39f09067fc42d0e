package com.reelay.core.conversation;

import com.reelay.core.chat.ChatRef;
import com.reelay.core.chat.ChatUser;
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
    private final IdentityScope scope;
    private final Cache<String, Identity> auths;

    /** A chat's anonymous identity and where it is kept. */
    private record Identity(NemoAuth auth, StoreKeeper keeper) {
    }

    ChatSessions(NemoClient client, ReelayStore store, Optional<String> nemoToken, IdentityScope scope, Clock clock) {
        this.client = client;
        this.store = store;
        this.sharedAuth = nemoToken.map(NemoAuth::fixedToken).orElse(null);
        this.scope = scope;
        this.clock = clock;
        this.auths = Caffeine.newBuilder().maximumSize(100_000).build();
    }

    NemoAuth auth(ChatRef chat) {
        return auth(chat, null);
    }

    /**
     * The identity {@code chat} spends from. With {@link IdentityScope#USER} the first person who
     * makes something in a chat brings their identity to it ({@code user} may be null when no
     * person is at hand, e.g. a render resumed after a restart).
     */
    NemoAuth auth(ChatRef chat, ChatUser user) {
        if (sharedAuth != null) {
            return sharedAuth;
        }
        String key = scope == IdentityScope.SHARED ? "shared" : chat.key();
        Identity identity = auths.get(key, k -> {
            StoreKeeper keeper = new StoreKeeper(store, k);
            return new Identity(NemoAuth.anonymous(keeper), keeper);
        });
        if (scope == IdentityScope.USER && user != null) {
            identity.keeper().adopt("user:" + chat.platform() + ":" + user.id());
        }
        return identity.auth();
    }

    Optional<Session> existing(ChatRef chat) {
        return store.chat(chat.key()).filter(ChatState::hasSession)
                .map(s -> new Session(auth(chat), s.sessionId(), s.language()));
    }

    /** The chat's session, created on first use in {@code language}, spending {@code user}'s identity by scope. */
    Session ensure(ChatRef chat, ChatUser user, String language, String requestId) throws NemoException {
        Optional<Session> existing = existing(chat);
        if (existing.isPresent()) {
            return existing.get();
        }
        return create(chat, user, language, requestId);
    }

    /** A fresh session (a new project, or after the old one was lost); forgets the old draft. */
    Session create(ChatRef chat, ChatUser user, String language, String requestId) throws NemoException {
        NemoAuth auth = auth(chat, user);
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

    /**
     * Keeps one chat's anonymous identity in the store. Under {@link IdentityScope#USER} it also
     * reads and writes the person's own copy, so the identity follows them to other chats.
     */
    private static final class StoreKeeper implements IdentityKeeper {
        private final ReelayStore store;
        private final String chatKey;
        private volatile String userKey;

        StoreKeeper(ReelayStore store, String chatKey) {
            this.store = store;
            this.chatKey = chatKey;
        }

        /** The chat takes the identity of the first person who makes something in it. */
        void adopt(String personKey) {
            if (userKey == null && store.identity(chatKey).isEmpty()) {
                userKey = personKey;
                // The chat keeps its own copy, so work resumed here without the person finds it.
                store.identity(personKey).ifPresent(identity -> store.saveIdentity(chatKey, identity));
            }
        }

        @Override
        public Optional<AnonymousIdentity> load() {
            Optional<AnonymousIdentity> kept = store.identity(chatKey);
            String person = userKey;
            return kept.isPresent() || person == null ? kept : store.identity(person);
        }

        @Override
        public void save(AnonymousIdentity identity) {
            store.saveIdentity(chatKey, identity);
            String person = userKey;
            if (person != null) {
                store.saveIdentity(person, identity);
            }
        }
    }
}
