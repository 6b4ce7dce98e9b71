package org.albatross.protocol.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Albatross's own interoperability vectors, read in place (never copied into the repository). The folder is the
 * system property {@value #PROPERTY}, else the environment variable {@value #ENVIRONMENT}, else
 * {@code ../shared/vectors/albatross} next to the project root. Tests call {@link #assumePresent()} first so that
 * they are skipped, with a message saying why, where the folder is absent.
 */
public final class AlbatrossVectors {
    public static final String PROPERTY = "albatross.vectors";
    public static final String ENVIRONMENT = "ALBATROSS_VECTORS";

    private AlbatrossVectors() {
    }

    /** One row of encodings.tsv: its id, the value in words, and albatross's DER for it. */
    public record EncodingRow(String id, String description, String hex) {
        public byte[] bytes() {
            return HexFormat.of().parseHex(hex);
        }
    }

    public static Path directory() {
        String configured = System.getProperty(PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(ENVIRONMENT);
        }
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        return projectRoot().resolve("../shared/vectors/albatross").toAbsolutePath().normalize();
    }

    /** Skips the calling test (JUnit assumption) when the vectors folder is absent. */
    public static void assumePresent() {
        Path directory = directory();
        assumeTrue(Files.isDirectory(directory), () -> "albatross vectors not found at " + directory
                + ": set -D" + PROPERTY + "=DIR or " + ENVIRONMENT + "=DIR to run the interoperability tests");
    }

    public static Path file(String name) {
        assumePresent();
        return directory().resolve(name);
    }

    public static String text(String name) {
        try {
            return Files.readString(file(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file of hex digits, whitespace ignored (wire1.hex, wire2.hex). */
    public static byte[] hex(String name) {
        return HexFormat.of().parseHex(text(name).replaceAll("\\s+", ""));
    }

    /** The rows of encodings.tsv by id, in file order. */
    public static Map<String, EncodingRow> encodings() {
        Map<String, EncodingRow> rows = new LinkedHashMap<>();
        List<String> lines = text("encodings.tsv").lines().filter(line -> !line.isBlank()).toList();
        for (String line : lines.subList(1, lines.size())) {
            String[] columns = line.split("\t", -1);
            if (columns.length != 3) {
                throw new IllegalStateException("encodings.tsv: expected 3 tab-separated columns in " + line);
            }
            rows.put(columns[0], new EncodingRow(columns[0], columns[1], columns[2].strip()));
        }
        return rows;
    }

    /** The reactor root: the outermost directory above the working directory that holds a pom.xml. */
    private static Path projectRoot() {
        Path current = Path.of("").toAbsolutePath();
        Path root = current;
        for (Path candidate = current; candidate != null; candidate = candidate.getParent()) {
            if (Files.isRegularFile(candidate.resolve("pom.xml"))) {
                root = candidate;
            }
        }
        return root;
    }
}
