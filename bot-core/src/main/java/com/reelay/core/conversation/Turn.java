package com.reelay.core.conversation;

import com.reelay.core.chat.ChatOutput;
import java.util.concurrent.CompletableFuture;

/** One kind of request the engine carries out when the chat's turn comes. */
interface Turn {

    /**
     * Carries out {@code request}; {@code announced} is the progress message posted as the turn
     * started (null when the kind posts none). The future ends when the person has the answer.
     */
    CompletableFuture<Void> run(ChatOutput out, LaneRequest request, ProgressMessage announced);
}
