package com.reelay.core.chat.support;

import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class FuturesTest {

    @Test
    void findsTheFailureInsideEveryLayerAFutureAdds() {
        IOException cause = new IOException("refused");
        CompletableFuture<Void> failed = CompletableFuture.failedFuture(cause);
        CompletableFuture<Void> dependent = failed.thenApply(v -> v);

        assertSame(cause, Futures.unwrap(assertThrowsFrom(failed::get)));
        assertSame(cause, Futures.unwrap(assertThrowsFrom(dependent::join)));
        assertSame(cause, Futures.unwrap(new ExecutionException(new CompletionException(cause))));
    }

    @Test
    void leavesOtherFailuresAsTheyAre() {
        IllegalStateException plain = new IllegalStateException("boom", new IOException("inner"));
        assertSame(plain, Futures.unwrap(plain));
        CompletionException empty = new CompletionException(null);
        assertSame(empty, Futures.unwrap(empty), "a wrapper without a cause is all there is");
    }

    private interface Blocking {
        void run() throws Exception;
    }

    private static Throwable assertThrowsFrom(Blocking call) {
        try {
            call.run();
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("the future did not fail");
    }
}
