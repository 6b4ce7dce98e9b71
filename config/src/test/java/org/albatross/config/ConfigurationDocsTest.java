package org.albatross.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** docs/configuration.md is the key reference: it must not fall behind the code. */
class ConfigurationDocsTest {
    private static final Path REFERENCE = Path.of("../docs/configuration.md");

    @Test
    void theReferenceDocumentsEveryKeyWithItsEnvironmentVariable() throws IOException {
        String docs = Files.readString(REFERENCE);
        for (ConfigKey<?> key : ConfigSchema.KEYS) {
            assertThat(docs).as("docs/configuration.md row of %s", key.name())
                    .contains("| `" + key.name() + "` |", "`" + key.environmentVariable() + "` |");
        }
    }

    @Test
    void everyKeyHasItsOwnEnvironmentVariable() {
        Set<String> variables = ConfigSchema.KEYS.stream().map(ConfigKey::environmentVariable)
                .collect(Collectors.toSet());
        assertThat(variables).hasSameSizeAs(ConfigSchema.KEYS).doesNotContain(ConfigLoader.FILE_VARIABLE);
    }
}
