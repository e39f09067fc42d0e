package com.reelay.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/** The effective settings as YAML, for operators; every secret shows as {@code ***}. */
public final class ConfigPrinter {

    private ConfigPrinter() {
    }

    public static String describe(BoundSections sections) {
        YAMLMapper yaml = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build();
        ObjectNode root = yaml.createObjectNode();
        sections.values().forEach((name, value) -> root.set(name, SectionBinder.toTree(value)));
        mask(root);
        try {
            return yaml.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void mask(ObjectNode node) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            if (field.getValue() instanceof ObjectNode child) {
                mask(child);
            } else if ((key.contains("token") || key.contains("secret") || key.contains("password"))
                    && field.getValue().isTextual() && !field.getValue().asText().isEmpty()) {
                node.put(key, "***");
            }
        }
    }
}
