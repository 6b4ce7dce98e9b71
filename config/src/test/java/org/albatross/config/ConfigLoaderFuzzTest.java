package org.albatross.config;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.albatross.protocol.testing.InputTimeLimit;

/**
 * Replays its seed corpus in a normal run; {@code JAZZER_FUZZ=1} fuzzes, and the verify build fuzzes it for 100,000
 * inputs (docs/fuzzing.md).
 */
class ConfigLoaderFuzzTest {
    /** Whatever the file holds, the result is a configuration or a {@link ConfigError}: any other exception fails. */
    @FuzzTest(maxDuration = "2m")
    void anyFileGivesAConfigurationOrAConfigError(byte[] file) throws Exception {
        InputTimeLimit.check(() -> load(new String(file, StandardCharsets.UTF_8)));
    }

    private static void load(String toml) {
        try {
            ConfigLoader.parse(toml, "fuzzed.toml", Map.of(), Map.of()).printEffective();
        } catch (ConfigError expected) {
            if (expected.problems().isEmpty()) {
                throw new AssertionError("a ConfigError without problems", expected);
            }
        }
    }
}
