package com.reelay.core.conversation;

import com.reelay.core.chat.Phrasebook;
import com.reelay.core.nemo.Credits;

/** What a request cost, as people read it: the receipt, whether credits came back, a low balance. */
final class CreditWording {

    private CreditWording() {
    }

    /** The receipt under a generation or an export: credits used, and what is left. */
    static String receipt(Phrasebook book, Credits before, Credits after) {
        long used = Math.max(0, before.total() - after.total());
        return book.phrase("receipt.spent", "used", used, "left", after.available());
    }

    static String balanceLeft(Phrasebook book, Credits after) {
        return book.phrase("receipt.left", "left", after.available());
    }

    /** After a failure: whether the credits the request took came back, are still held, or were spent. */
    static String refund(Phrasebook book, Credits before, Credits after) {
        long held = Math.max(0, after.frozen() - before.frozen());
        long spent = Math.max(0, before.total() - after.total());
        if (held > 0) {
            return book.phrase("refund.held", "credits", held, "left", after.available());
        }
        if (spent > 0) {
            return book.phrase("refund.spent", "credits", spent, "left", after.available());
        }
        return book.phrase("refund.none", "left", after.available());
    }

    static String lowBalance(Phrasebook book, long available, long usual) {
        return book.phrase("export.low_balance", "available", available, "usual", usual);
    }
}
