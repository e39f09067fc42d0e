package com.reelay.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/** The one ObjectMapper, and the envelopes every response is built from. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    static JsonNode parse(String text) throws JsonProcessingException {
        return MAPPER.readTree(text);
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    static byte[] bytes(JsonNode node) {
        return write(node).getBytes(StandardCharsets.UTF_8);
    }

    /** {@code {"code":0,"message":"success","data":data}} */
    static ObjectNode codeSuccess(JsonNode data) {
        ObjectNode env = object().put("code", 0).put("message", "success");
        env.set("data", data);
        return env;
    }

    /** {@code {"code":code,"message":message[,"data":data]}} */
    static ObjectNode codeError(int code, String message, JsonNode data) {
        ObjectNode env = object().put("code", code).put("message", message);
        if (data != null) {
            env.set("data", data);
        }
        return env;
    }

    /** {@code {"success":true,"data":data}} */
    static ObjectNode success(JsonNode data) {
        ObjectNode env = object().put("success", true);
        env.set("data", data);
        return env;
    }

    /** {@code {"success":false,"error":error}} */
    static ObjectNode failure(String error) {
        return object().put("success", false).put("error", error);
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
    }
}
