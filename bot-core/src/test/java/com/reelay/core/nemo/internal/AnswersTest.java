package com.reelay.core.nemo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.reelay.core.nemo.RenderState;
import org.junit.jupiter.api.Test;

class AnswersTest {

    @Test
    void renderStatusForms() throws Exception {
        var fraction = Answers.renderStatus(Json.MAPPER.readTree("{\"status\":\"processing\",\"progress\":0.42}"), "r");
        assertEquals(42, fraction.progress());
        assertEquals("r", fraction.renderId());
        var legacy = Answers.renderStatus(Json.MAPPER.readTree("{\"status\":\"done\",\"output\":{\"url\":\"u\"}}"), "r");
        assertEquals(RenderState.COMPLETED, legacy.state());
        assertEquals(100, legacy.progress());
        assertEquals("u", legacy.outputUrl());
        var failed = Answers.renderStatus(Json.MAPPER.readTree("{\"status\":\"failed\",\"error\":{\"message\":\"oom\"}}"), "r");
        assertEquals("oom", failed.error());
    }
}
