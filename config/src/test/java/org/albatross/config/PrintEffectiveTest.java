package org.albatross.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PrintEffectiveTest {
    @Test
    void theDefaultsPrintAsTomlThatParsesBackToThem() throws ConfigError {
        DaemonConfig defaults = DaemonConfig.defaults();
        String printed = defaults.printEffective();
        assertThat(printed).contains("dbdir = \"/var/lib/albatross\"", "[console]\nring-lines = 1024\n",
                "mode = \"0660\"", "interval = \"10s\"", "# listen is not set", "max-file-size = \"16MiB\"");
        assertThat(ConfigLoaderTest.parse(printed)).isEqualTo(defaults);
    }

    @Test
    void aFullConfigurationRoundTripsExceptItsMaskedSecrets() throws ConfigError {
        DaemonConfig config = ConfigLoaderTest.parse(ConfigSamples.EVERY_KEY);
        String printed = config.printEffective();
        assertThat(printed).contains("password = \"********\"").doesNotContain("s3cret");
        DaemonConfig reparsed = ConfigLoaderTest.parse(printed.replace("\"********\"", "\"s3cret\""));
        assertThat(reparsed).isEqualTo(config);
    }

    @Test
    void secretsStayOutOfToString() throws ConfigError {
        DaemonConfig config = ConfigLoaderTest.parse(ConfigSamples.EVERY_KEY);
        assertThat(config.toString()).doesNotContain("s3cret");
        assertThat(config.metrics().influxV1().orElseThrow().password().orElseThrow().value()).isEqualTo("s3cret");
    }

    static LongStream seeds() {
        long base = Long.getLong("albatross.seed", 1025L);
        return LongStream.range(base, base + 100);
    }

    /** Random valid settings, given on the command line, print as TOML that parses back to the same configuration. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomConfigurationsRoundTrip(long seed) throws ConfigError {
        Random random = new Random(seed);
        Map<String, String> overrides = new HashMap<>();
        for (ConfigKey<?> key : ConfigSchema.KEYS) {
            if (random.nextBoolean() && !ConfigSchema.INFLUX_V1_KEYS.contains(key)
                    && !ConfigSchema.INFLUX_V2_KEYS.contains(key) && !key.table().equals("tls")) {
                overrides.put(key.name(), RandomValues.of(key.type(), random));
            }
        }
        // Sections whose keys go together are set as a whole, or not at all.
        String section = new String[] {"", "tls", "metrics.influx-v1", "metrics.influx-v2"}[random.nextInt(4)];
        ConfigSchema.KEYS.stream().filter(key -> !section.isEmpty() && key.table().equals(section))
                .forEach(key -> overrides.put(key.name(), RandomValues.of(key.type(), random)));
        if (overrides.containsKey("tls.max-connections-per-address") || overrides.containsKey("tls.max-handshakes")) {
            overrides.put("tls.max-connections", "65536");
        }
        if (overrides.containsKey("console.subscriber-queue")) {
            overrides.put("console.ring-lines", "1048576");
        }
        overrides.put("restart.max-backoff", "24h");
        // An adapter stays enabled, and a tender key is set only for an enabled target.
        overrides.put("adapters.solo5.hvt", "true");
        overrides.put("adapters.solo5.spt", "true");
        overrides.put("metrics.enabled", Boolean.toString(section.startsWith("metrics")));
        // Secrets print masked: give them the value the mask is replaced with below.
        List.of(ConfigSchema.INFLUX_V1_PASSWORD, ConfigSchema.INFLUX_V2_TOKEN).stream().map(ConfigKey::name)
                .filter(overrides::containsKey).forEach(name -> overrides.put(name, "t"));

        DaemonConfig config = ConfigLoader.parse("", "seed " + seed, Map.of(), overrides);
        String printed = config.printEffective().replace("\"********\"", "\"t\"");
        assertThat(ConfigLoaderTest.parse(printed)).isEqualTo(config);
    }
}
