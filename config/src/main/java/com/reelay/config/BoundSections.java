package com.reelay.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The sections as bound and validated, by name, in the order they were declared. A
 * {@link Section.WhenSet} section that is off is absent.
 */
public record BoundSections(Map<String, Record> values) {

    public BoundSections {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public <T extends Record> T get(Section.Always<T> section) {
        return section.type().cast(values.get(section.name()));
    }

    public <T extends Record> Optional<T> find(Section.WhenSet<T> section) {
        return Optional.ofNullable(values.get(section.name())).map(section.type()::cast);
    }
}
