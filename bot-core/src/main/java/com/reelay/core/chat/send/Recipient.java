package com.reelay.core.chat.send;

import java.util.List;
import java.util.Objects;

/**
 * Where a call goes, as the send budget sees it. {@code key} is one chat: its calls go out one at
 * a time and in order. {@code allowances} are the limits its calls count against; none for calls
 * a platform does not count (Discord's interaction routes), which are still served in class order.
 */
public record Recipient(String key, List<Allowance> allowances) {

    public Recipient {
        Objects.requireNonNull(key, "key");
        allowances = List.copyOf(allowances);
    }
}
