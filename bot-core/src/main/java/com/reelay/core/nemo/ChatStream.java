package com.reelay.core.nemo;

import java.util.concurrent.CompletableFuture;

/** One running chat request. */
public interface ChatStream {

    /** Completes with the reply or exceptionally with a {@link NemoException}. */
    CompletableFuture<ChatReply> reply();

    /** Stops listening and closes the connection; {@link #reply()} fails with {@link NemoException.Cancelled}. */
    void cancel();
}
