package org.albatross.protocol.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A Jazzer seed directory written by a generator from our own encoders: each seed a file named by its key. Its
 * generator's test asserts that the committed files are what it writes now.
 */
public final class SeedFiles {
    private SeedFiles() {
    }

    public static void write(Path directory, Map<String, byte[]> seeds) throws IOException {
        Files.createDirectories(directory);
        for (Map.Entry<String, byte[]> seed : seeds.entrySet()) {
            Files.write(directory.resolve(seed.getKey()), seed.getValue());
        }
    }

    /** Fails naming the first seed that is missing, extra or different, and how to regenerate them. */
    public static void assertCurrent(Path directory, Map<String, byte[]> expected, String generator)
            throws IOException {
        try (var files = Files.list(directory)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .as("regenerate with " + generator + ".main").containsExactlyInAnyOrderElementsOf(expected.keySet());
        }
        for (Map.Entry<String, byte[]> seed : expected.entrySet()) {
            assertThat(Files.readAllBytes(directory.resolve(seed.getKey())))
                    .as(seed.getKey() + ", regenerate with " + generator + ".main").isEqualTo(seed.getValue());
        }
    }
}
