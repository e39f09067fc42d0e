package com.reelay.core.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Small classes, each one job: no source file of bot-core's main code grows past 300 lines. */
class ClassSizeTest {

    private static final int MOST = 300;

    @Test
    void noMainClassOfTheCoreIsOverThreeHundredLines() throws IOException {
        Path main = Path.of("src/main/java");
        List<String> big;
        try (Stream<Path> files = Files.walk(main)) {
            big = files.filter(f -> f.toString().endsWith(".java")).filter(f -> lines(f) > MOST)
                    .map(f -> main.relativize(f) + " (" + lines(f) + " lines)").sorted().toList();
        }
        assertEquals(List.of(), big, "split these by what they do");
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
