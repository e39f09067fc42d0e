package com.reelay.config;

import java.util.List;

/** The settings cannot be used; every problem found, in plain words, none showing a secret. */
public final class ConfigException extends Exception {

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("; ", problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    /** The operator's message: a headline and one problem per line. */
    public String report() {
        StringBuilder s = new StringBuilder("Reelay can't start: the configuration has ")
                .append(problems.size()).append(problems.size() == 1 ? " problem:" : " problems:");
        for (String p : problems) {
            s.append("\n  - ").append(p);
        }
        return s.toString();
    }
}
