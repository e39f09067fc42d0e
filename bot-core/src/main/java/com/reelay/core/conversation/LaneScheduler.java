package com.reelay.core.conversation;

import com.reelay.core.chat.ChatOutput;
import com.reelay.core.chat.ChatRef;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Who runs a chat's next request: one at a time per chat, in arrival order, chats in parallel.
 * {@link InProcessLanes} does it inside one process. A fleet keeps it: which instance runs a
 * chat is decided before the engine (the owner of the chat's lease reads its requests from the
 * fleet's inbox), and the engine on that instance orders them as here.
 */
interface LaneScheduler {

    /** Takes a request into its chat's lane; it runs when its turn comes (or is refused when the line is full). */
    void enter(ChatOutput out, LaneRequest request);

    /** Drops the chat's waiting requests (the running one goes on). */
    Cancelled cancelWaiting(ChatRef chat);

    /** Requests waiting behind a running one, across chats. */
    int waiting();

    /** Requests running now, across chats. */
    int running();

    /** Stops starting requests and waits up to {@code grace} for the running ones; true when none is left. */
    boolean drain(Duration grace) throws InterruptedException;

    record Cancelled(int dropped, boolean running) {
    }

    /** What a lane runs when a request's turn comes. */
    interface Turns {

        /** Called as the turn starts, before it waits for a worker: posts what the person sees first (may be null). */
        ProgressMessage announce(ChatOutput out, LaneRequest request);

        /** Carries out the request; the future ends when the turn is over. */
        CompletableFuture<Void> run(ChatOutput out, LaneRequest request, ProgressMessage announced);
    }
}
