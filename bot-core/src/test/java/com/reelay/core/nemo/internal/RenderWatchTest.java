package com.reelay.core.nemo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The poll interval's growth; watching a render through the client is {@code com.reelay.core.nemo.RenderWatchTest}. */
class RenderWatchTest {

    @Test
    void renderPollIntervalsGrowByHalfUpToTheCap() {
        assertEquals(Duration.ofSeconds(3), RenderWatch.grow(Duration.ofSeconds(2), Duration.ofSeconds(15)));
        assertEquals(Duration.ofSeconds(15), RenderWatch.grow(Duration.ofSeconds(12), Duration.ofSeconds(15)));
    }
}
