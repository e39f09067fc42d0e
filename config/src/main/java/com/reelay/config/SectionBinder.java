package com.reelay.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Binds one section of the settings to its record: start from the record's defaults, lay the
 * YAML section over them, then the environment ({@code KEY} or {@code KEY_FILE} for secrets),
 * and let Jackson build the record, whose constructor validates. Every problem is collected
 * rather than thrown, so the operator sees all of them at once.
 */
final class SectionBinder {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Within two edits of a known key counts as a typo of it (the distance is -1 beyond). */
    private static final LevenshteinDistance TYPO = new LevenshteinDistance(2);

    private final ObjectMapper mapper;
    private final Map<String, String> env;
    private final List<String> problems;

    SectionBinder(Map<String, String> env, List<String> problems) {
        this.env = env;
        this.problems = problems;
        SimpleModule units = new SimpleModule("reelay-units");
        units.addDeserializer(Duration.class, new StdDeserializer<>(Duration.class) {
            @Override
            public Duration deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                try {
                    return HumanUnits.duration(p.getValueAsString());
                } catch (IllegalArgumentException e) {
                    throw JsonMappingException.from(p, e.getMessage());
                }
            }
        });
        this.mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .addModule(units)
                .build();
    }

    /** The section bound; empty when it is off (a {@link Section.WhenSet} without its key) or cannot be (problems recorded). */
    Optional<Record> bind(Section<?> section, JsonNode yaml) {
        if (yaml != null && !yaml.isNull() && !yaml.isMissingNode() && !yaml.isObject()) {
            problems.add(section.name() + ": expected a map of settings");
            return Optional.empty();
        }
        ObjectNode given = yaml instanceof ObjectNode o ? o : null;
        if (section instanceof Section.Always<?> always) {
            return bind(section.name(), always.defaults(), given);
        }
        Section.WhenSet<?> whenSet = (Section.WhenSet<?>) section;
        String key = whenSet.key();
        String value = envValue(whenSet.switchKey())
                .orElse(given != null && given.path(key).isTextual() ? given.path(key).asText() : "").strip();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Record defaults;
        try {
            defaults = whenSet.defaults().apply(value);
        } catch (IllegalArgumentException e) {
            problems.add(section.name() + ": " + e.getMessage());
            return Optional.empty();
        }
        if (given != null) {
            given = given.deepCopy();
            given.remove(key); // already in the defaults, and the environment may have overridden it
        }
        return bind(section.name(), defaults, given);
    }

    private Optional<Record> bind(String section, Record defaults, ObjectNode yaml) {
        Class<? extends Record> type = defaults.getClass();
        ObjectNode tree = toTree(defaults);
        int before = problems.size();
        if (yaml != null) {
            merge(tree, yaml, List.of(section), type);
        }
        for (SettingKey key : SettingKey.leaves(List.of(section), type)) {
            envValue(key).ifPresent(value -> set(tree, key, value));
            normalize(tree, key);
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.treeToValue(tree, type));
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            problems.add(section + ": " + cause.getMessage());
        } catch (JsonMappingException e) {
            problems.add(describe(section, e));
        } catch (IOException e) {
            problems.add(section + ": " + e.getMessage());
        }
        return Optional.empty();
    }

    /** The environment's value for {@code key}: the variable itself, or the content of the file {@code KEY_FILE} names. */
    Optional<String> envValue(SettingKey key) {
        String direct = env.get(key.envName());
        if (direct != null) {
            return Optional.of(direct);
        }
        String file = env.get(key.envName() + "_FILE");
        if (file == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(Path.of(file)).strip());
        } catch (IOException | RuntimeException e) {
            problems.add(key.envName() + "_FILE: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
            return Optional.empty();
        }
    }

    private void set(ObjectNode tree, SettingKey key, String value) {
        ObjectNode parent = parent(tree, key);
        String name = key.path().get(key.path().size() - 1);
        if (key.isList() && !key.isWholeNumberList()) { // whole numbers are split by normalize, ranges and all
            ArrayNode list = parent.putArray(name);
            for (String item : value.split(",")) {
                if (!item.isBlank()) {
                    list.add(item.strip());
                }
            }
        } else {
            parent.put(name, value);
        }
    }

    /** Sizes, enums and lists of whole numbers as people write them: "50MB", "long-polling", "0-3,8". */
    private void normalize(ObjectNode tree, SettingKey key) {
        ObjectNode parent = parentIfPresent(tree, key);
        String name = key.path().get(key.path().size() - 1);
        if (parent != null && key.isWholeNumberList()) {
            wholeNumbers(parent, name, key);
            return;
        }
        if (parent == null || !parent.path(name).isTextual()) {
            return;
        }
        String text = parent.path(name).asText();
        if (key.isByteCount()) {
            try {
                parent.put(name, HumanUnits.bytes(text));
            } catch (IllegalArgumentException e) {
                problems.add(key.key() + ": " + e.getMessage());
            }
        } else if (key.type().isEnum()) {
            parent.put(name, text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    /** "0-3,8" (the environment, or text in the file), [0, "2-3"] or a bare 5 (the file), as a list of numbers. */
    private void wholeNumbers(ObjectNode parent, String name, SettingKey key) {
        JsonNode value = parent.path(name);
        if (!value.isTextual() && !value.isArray() && !value.isIntegralNumber()) {
            return; // missing, or a kind Jackson reports with the key
        }
        ArrayNode numbers = NODES.arrayNode();
        Iterable<JsonNode> items = value.isArray() ? value : List.of(value);
        for (JsonNode item : items) {
            if (!item.isTextual()) {
                numbers.add(item);
                continue;
            }
            try {
                HumanUnits.wholeNumbers(item.asText()).forEach(numbers::add);
            } catch (IllegalArgumentException e) {
                problems.add(key.key() + ": " + e.getMessage());
                return;
            }
        }
        parent.set(name, numbers);
    }

    private static ObjectNode parent(ObjectNode tree, SettingKey key) {
        ObjectNode node = tree;
        for (String part : key.path().subList(1, key.path().size() - 1)) {
            JsonNode child = node.get(part);
            if (child == null || !child.isObject()) {
                child = node.putObject(part);
            }
            node = (ObjectNode) child;
        }
        return node;
    }

    private static ObjectNode parentIfPresent(ObjectNode tree, SettingKey key) {
        JsonNode node = tree;
        for (String part : key.path().subList(1, key.path().size() - 1)) {
            node = node.get(part);
            if (node == null || !node.isObject()) {
                return null;
            }
        }
        return (ObjectNode) node;
    }

    /** Lays {@code yaml} over {@code tree}, reporting keys the record does not have. */
    private void merge(ObjectNode tree, ObjectNode yaml, List<String> path, Class<?> type) {
        Iterator<Map.Entry<String, JsonNode>> fields = yaml.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            Optional<RecordComponent> component = component(type, field.getKey());
            List<String> here = new ArrayList<>(path);
            here.add(field.getKey());
            if (component.isEmpty()) {
                problems.add("unknown setting " + String.join(".", here) + suggestion(type, field.getKey()));
                continue;
            }
            Class<?> childType = component.get().getType();
            JsonNode value = field.getValue();
            if (childType.isRecord() && value.isObject()) {
                JsonNode existing = tree.get(field.getKey());
                ObjectNode target = existing != null && existing.isObject() ? (ObjectNode) existing : tree.putObject(field.getKey());
                merge(target, (ObjectNode) value, here, childType);
            } else {
                tree.set(field.getKey(), value);
            }
        }
    }

    private static Optional<RecordComponent> component(Class<?> type, String key) {
        for (RecordComponent c : type.getRecordComponents()) {
            if (SettingKey.kebab(c.getName()).equals(key)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** " (did you mean bot-token?)" when a known key is close. */
    private static String suggestion(Class<?> type, String key) {
        for (RecordComponent c : type.getRecordComponents()) {
            String known = SettingKey.kebab(c.getName());
            if (TYPO.apply(known, key) >= 0 || known.replace("-", "").equalsIgnoreCase(key.replace("_", "").replace("-", ""))) {
                return " (did you mean " + known + "?)";
            }
        }
        return "";
    }

    private static String describe(String section, JsonMappingException e) {
        StringBuilder key = new StringBuilder(section);
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                key.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                key.append('[').append(ref.getIndex()).append(']');
            }
        }
        String message = e.getOriginalMessage();
        int newline = message.indexOf('\n');
        message = newline > 0 ? message.substring(0, newline) : message;
        message = message.replaceAll(" \\(for Object starting.*", "").replaceAll("Cannot deserialize value of type `([^`]*)` from", "expected $1, got");
        message = message.replaceAll("expected (int|long|java\\.lang\\.Integer|java\\.lang\\.Long), got String (\"[^\"]*\").*",
                "expected a whole number, got $2").replaceAll("expected boolean, got String (\"[^\"]*\").*", "expected true or false, got $1");
        return key + ": " + message;
    }

    /** The defaults as a tree of the same shape Jackson reads back (durations as "3s"). */
    static ObjectNode toTree(Record value) {
        ObjectNode node = NODES.objectNode();
        for (RecordComponent c : value.getClass().getRecordComponents()) {
            Object v;
            try {
                c.getAccessor().setAccessible(true);
                v = c.getAccessor().invoke(value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c.getName(), e);
            }
            node.set(SettingKey.kebab(c.getName()), toNode(v));
        }
        return node;
    }

    private static JsonNode toNode(Object v) {
        if (v == null) {
            return NODES.nullNode();
        }
        if (v instanceof Record r) {
            return toTree(r);
        }
        if (v instanceof Duration d) {
            return NODES.textNode(HumanUnits.duration(d));
        }
        if (v instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(item -> array.add(toNode(item)));
            return array;
        }
        if (v instanceof Enum<?> e) {
            return NODES.textNode(e.name());
        }
        if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (v instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (v instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (v instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (v instanceof Path p) {
            return NODES.textNode(p.toString());
        }
        return NODES.textNode(v.toString());
    }
}
