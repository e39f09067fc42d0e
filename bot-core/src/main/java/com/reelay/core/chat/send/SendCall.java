package com.reelay.core.chat.send;

import com.reelay.core.chat.Urgency;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** One call waiting in (or sent from) the send budget; changed only under the budget's lock. */
final class SendCall {

    final SendLane lane;
    final String requestId;
    /** The message this call edits, or null for a new message. */
    final String editOf;
    final CompletableFuture<Object> result = new CompletableFuture<>();
    /** Its allowances: one recipient's calls may take routes a platform counts differently. */
    Recipient recipient;
    Supplier<CompletableFuture<?>> call;
    Urgency urgency;
    /** Queue order: lower waited longer. */
    long seq;
    List<Allowances.Claim> claims = List.of();
    int attempts;
    int rateLimited;

    SendCall(SendLane lane, Recipient recipient, String requestId, String editOf, Urgency urgency,
             Supplier<CompletableFuture<?>> call, long seq) {
        this.lane = lane;
        this.recipient = recipient;
        this.requestId = requestId == null ? "" : requestId;
        this.editOf = editOf;
        this.urgency = urgency;
        this.call = call;
        this.seq = seq;
    }
}
