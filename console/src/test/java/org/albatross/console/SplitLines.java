package org.albatross.console;

import java.util.ArrayList;
import java.util.List;

/** Runs a fresh {@link ConsoleLineSplitter} over an input cut into chunks, collecting every line. */
final class SplitLines {
    private SplitLines() {
    }

    /** The lines of {@code input} fed in chunks that end at the given offsets (ascending), then finished. */
    static List<String> of(byte[] input, int... cuts) {
        ConsoleLineSplitter splitter = new ConsoleLineSplitter();
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int cut : cuts) {
            splitter.feed(input, start, cut - start, lines::add);
            start = cut;
        }
        splitter.feed(input, start, input.length - start, lines::add);
        splitter.finish(lines::add);
        return lines;
    }

    /** Checks what every line must satisfy, whatever the input; returns a description of the first violation. */
    static String violation(List<String> lines) {
        int limit = ConsoleLineSplitter.MAX_LINE_BYTES
                + ConsoleLineSplitter.TRUNCATED.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        for (String line : lines) {
            if (line.isEmpty()) {
                return "an empty line";
            }
            if (line.indexOf('\n') >= 0) {
                return "a newline inside " + line;
            }
            if (line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > limit) {
                return "a line longer than " + limit + " bytes: " + line;
            }
        }
        return null;
    }
}
