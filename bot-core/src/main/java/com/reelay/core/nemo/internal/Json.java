package com.reelay.core.nemo.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Optional;

/** The one {@link ObjectMapper} of the client, and lenient readers for the service's loosely typed fields. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Json() {
    }

    /** Parses {@code text}, or empty when it is blank or not JSON. */
    public static Optional<JsonNode> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(MAPPER.readTree(text));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable: " + value.getClass().getName(), e);
        }
    }

    /** {@code node}, or JSON null instead of Java null or a missing node. */
    public static JsonNode orNull(JsonNode node) {
        return node == null || node.isMissingNode() ? NullNode.getInstance() : node;
    }

    public static boolean present(JsonNode node) {
        return node != null && !node.isMissingNode() && !node.isNull();
    }

    /** A field as text (numbers included, exactly as written), or null when absent. */
    public static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.get(field);
        if (!present(value) || value.isContainerNode()) {
            return null;
        }
        return value.asText();
    }

    /** The first of {@code fields} that is present as text. */
    public static String firstText(JsonNode node, String... fields) {
        for (String field : fields) {
            String value = text(node, field);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    /** A number, also when written as a string; null when absent or not numeric. */
    public static Double number(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        return number(node.get(field));
    }

    public static Double number(JsonNode value) {
        if (!present(value)) {
            return null;
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isTextual()) {
            try {
                return Double.parseDouble(value.asText().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    public static Integer integer(JsonNode node, String field) {
        Double value = number(node, field);
        return value == null ? null : (int) Math.round(value);
    }

    public static long longOr(JsonNode node, String field, long fallback) {
        Double value = number(node, field);
        return value == null ? fallback : Math.round(value);
    }
}
