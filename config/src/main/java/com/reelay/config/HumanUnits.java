package com.reelay.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How people write durations, sizes and numbers in settings: {@code 500ms}, {@code 3s}, {@code 2m};
 * {@code 50MB}, {@code 10MiB}; {@code 0-3}, {@code 0,2,5-7}.
 */
final class HumanUnits {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(b|kb|kib|mb|mib|gb|gib)?");
    private static final Pattern RANGE = Pattern.compile("(\\d{1,9})(?:\\s*-\\s*(\\d{1,9}))?");
    /** A typo such as "0-40000000" must not fill the heap; no setting counts this many things. */
    private static final int MAX_NUMBERS = 100_000;

    private HumanUnits() {
    }

    /** Parses "3s", "500ms", "2m", "1h", "1d", a bare number of seconds, or ISO-8601 ("PT3S"). */
    static Duration duration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = DURATION.matcher(t);
        if (m.matches()) {
            double n = Double.parseDouble(m.group(1));
            double ms;
            switch (m.group(2)) {
                case "ms":
                    ms = n;
                    break;
                case "s":
                    ms = n * 1000;
                    break;
                case "m":
                    ms = n * 60_000;
                    break;
                case "h":
                    ms = n * 3_600_000;
                    break;
                default:
                    ms = n * 86_400_000;
            }
            return Duration.ofMillis(Math.round(ms));
        }
        if (t.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(t));
        }
        try {
            return Duration.parse(text.strip().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expected a duration such as 500ms, 3s, 2m or 1h, got \"" + text + "\"");
        }
    }

    /** The shortest exact form: 3000 ms → "3s", 90 s → "90s", 120 s → "2m". */
    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0 && ms > 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    /** Parses "50MB" (decimal), "10MiB" (binary), or a bare number of bytes. */
    static long bytes(String text) {
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a size such as 50MB, 10MiB or 1048576, got \"" + text + "\"");
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        double factor;
        switch (unit) {
            case "kb":
                factor = 1e3;
                break;
            case "kib":
                factor = 1024;
                break;
            case "mb":
                factor = 1e6;
                break;
            case "mib":
                factor = 1024.0 * 1024;
                break;
            case "gb":
                factor = 1e9;
                break;
            case "gib":
                factor = 1024.0 * 1024 * 1024;
                break;
            default:
                factor = 1;
        }
        return Math.round(n * factor);
    }

    /**
     * Parses whole numbers and ranges, comma separated: "0-3" is 0, 1, 2, 3 and "0,2,5-7" is 0, 2, 5,
     * 6, 7. Blank text is no numbers; an empty item (",") or a backwards range is a mistake, not nothing.
     */
    static List<Integer> wholeNumbers(String text) {
        if (text.isBlank()) {
            return List.of();
        }
        List<Integer> numbers = new ArrayList<>();
        for (String item : text.split(",", -1)) {
            Matcher m = RANGE.matcher(item.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("expected whole numbers and ranges such as 0-3 or 0,2,5-7, got \"" + text + "\"");
            }
            int first = Integer.parseInt(m.group(1));
            int last = m.group(2) == null ? first : Integer.parseInt(m.group(2));
            if (last < first) {
                throw new IllegalArgumentException("the range " + item.strip() + " runs backwards (write " + last + "-" + first + ")");
            }
            if (numbers.size() + (last - first) >= MAX_NUMBERS) {
                throw new IllegalArgumentException("more than " + MAX_NUMBERS + " numbers in \"" + text + "\"");
            }
            for (int n = first; n <= last; n++) {
                numbers.add(n);
            }
        }
        return numbers;
    }
}
