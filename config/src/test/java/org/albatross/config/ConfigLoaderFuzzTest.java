package org.albatross.config;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Replays its seed corpus in a normal run; {@code JAZZER_FUZZ=1} fuzzes. */
class ConfigLoaderFuzzTest {
    /** Whatever the file holds, the result is a configuration or a {@link ConfigError}: any other exception fails. */
    @FuzzTest(maxDuration = "2m")
    void anyFileGivesAConfigurationOrAConfigError(byte[] file) {
        String toml = new String(file, StandardCharsets.UTF_8);
        try {
            ConfigLoader.parse(toml, "fuzzed.toml", Map.of(), Map.of()).printEffective();
        } catch (ConfigError expected) {
            if (expected.problems().isEmpty()) {
                throw new AssertionError("a ConfigError without problems", expected);
            }
        }
    }
}
