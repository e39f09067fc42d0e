package com.reelay.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Loads the settings: one YAML file ({@code --config} or {@code REELAY_CONFIG}; optional), every
 * key overridable by an environment variable named after it ({@code telegram.bot-token} →
 * {@code TELEGRAM_BOT_TOKEN}), secrets also from files ({@code TELEGRAM_BOT_TOKEN_FILE}).
 * Binds whichever sections it is given and reports every problem at once.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /** {@code file}: the --config argument if given; else REELAY_CONFIG; else no file. */
    public static BoundSections load(Optional<Path> file, Map<String, String> env, List<Section<?>> sections)
            throws ConfigException {
        List<String> problems = new ArrayList<>();
        String known = sections.stream().map(Section::name).collect(Collectors.joining(", "));
        Optional<Path> path = file.or(() -> Optional.ofNullable(env.get("REELAY_CONFIG")).filter(s -> !s.isBlank()).map(Path::of));
        JsonNode root = path.map(p -> read(p, problems)).orElse(null);
        if (root == null || root.isNull() || root.isMissingNode()) {
            root = JsonNodeFactory.instance.objectNode();
        }
        if (!root.isObject()) {
            throw new ConfigException(List.of(path.orElseThrow() + ": expected a map of sections (" + known + ")"));
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (sections.stream().noneMatch(s -> s.name().equals(name))) {
                problems.add("unknown section " + name + " (known: " + known + ")");
            }
        }
        return bind((ObjectNode) root, env, sections, problems);
    }

    /**
     * One section from the environment alone, by the same rules as {@link #load}: for a tool or a
     * test that needs one module's settings. A section that is off is a problem here.
     */
    public static <T extends Record> T load(Section<T> section, Map<String, String> env) throws ConfigException {
        BoundSections bound = bind(JsonNodeFactory.instance.objectNode(), env, List.of(section), new ArrayList<>());
        Record value = bound.values().get(section.name());
        if (value == null && section instanceof Section.WhenSet<T> off) {
            throw new ConfigException(List.of(section.name() + " is off: " + off.switchKey().envName() + " is not set"));
        }
        return section.type().cast(value);
    }

    private static BoundSections bind(ObjectNode root, Map<String, String> env, List<Section<?>> sections,
                                      List<String> problems) throws ConfigException {
        if (sections.stream().map(Section::name).distinct().count() < sections.size()) {
            throw new IllegalArgumentException("two sections share a name: " + sections);
        }
        SectionBinder binder = new SectionBinder(env, problems);
        Map<String, Record> bound = new LinkedHashMap<>();
        for (Section<?> section : sections) {
            binder.bind(section, root.get(section.name())).ifPresent(v -> bound.put(section.name(), v));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new BoundSections(bound);
    }

    private static JsonNode read(Path file, List<String> problems) {
        if (!Files.isRegularFile(file)) {
            problems.add("config file " + file + " does not exist");
            return null;
        }
        try {
            return YAMLMapper.builder().build().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            problems.add("config file " + file + " is not valid YAML" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            problems.add("config file " + file + " cannot be read: " + e.getMessage());
        }
        return null;
    }
}
