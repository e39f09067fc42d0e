package com.reelay.core.nemo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EnvelopeTest {

    @Test
    void codeEnvelope() {
        Envelope ok = Envelope.read(200, "{\"code\":0,\"message\":\"ok\",\"data\":{\"a\":1}}");
        assertTrue(ok.isSuccess());
        assertEquals(1, ok.data().get("a").asInt());
        Envelope failed = Envelope.read(200, "{\"code\":\"1002\",\"msg\":\"session not found\",\"data\":null}");
        assertEquals(1002, failed.error().code());
        assertEquals(200, failed.error().httpStatus());
        assertEquals("session not found", failed.error().message());
    }

    @Test
    void successEnvelope() {
        assertEquals(7, Envelope.read(200, "{\"success\":true,\"data\":{\"a\":7}}").data().get("a").asInt());
        Envelope failed = Envelope.read(200, "{\"success\":false,\"error\":\"render id reused\"}");
        assertEquals(0, failed.error().code());
        assertEquals("render id reused", failed.error().message());
        Envelope nested = Envelope.read(200, "{\"success\":false,\"error\":{\"code\":2001,\"message\":\"credits\"}}");
        assertEquals(2001, nested.error().code());
    }

    @Test
    void bareJsonIsTheDataItself() {
        assertEquals(3, Envelope.read(200, "{\"available\":3}").data().get("available").asInt());
        assertTrue(Envelope.read(200, "[1,2]").data().isArray());
        assertTrue(Envelope.read(204, "").data().isNull());
        assertFalse(Envelope.read(200, "<html>").isSuccess(), "a success status with a body that is not JSON");
    }

    @Test
    void httpErrorsWithAndWithoutBodies() {
        ServiceError bare = Envelope.read(402, "").error();
        assertEquals(402, bare.code());
        assertEquals(402, bare.httpStatus());
        ServiceError coded = Envelope.read(400, "{\"code\":4001,\"message\":\"bad type\"}").error();
        assertEquals(4001, coded.code());
        assertEquals(400, coded.httpStatus());
        ServiceError html = Envelope.read(503, "<html>busy</html>").error();
        assertEquals(503, html.code());
        assertTrue(html.isServerFailure());
        assertFalse(Envelope.read(500, "{\"code\":2001}").error().isServerFailure(), "a known code outranks a 5xx");
        assertTrue(Envelope.read(401, "").error().isTokenRejection());
        assertTrue(Envelope.read(429, "{\"message\":\"slow\"}").error().isRateLimit());
        assertTrue(Envelope.read(200, "{\"code\":429,\"message\":\"slow\"}").error().isRateLimit());
    }
}
