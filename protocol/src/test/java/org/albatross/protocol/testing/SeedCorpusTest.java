package org.albatross.protocol.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The committed Jazzer seeds are exactly what {@link SeedCorpus} writes from our own encoder. */
class SeedCorpusTest {

    @Test
    void theDecoderSeedsAreUpToDate() throws IOException {
        assertCommitted(Path.of(SeedCorpus.DECODER_DIRECTORY), SeedCorpus.decoderSeeds());
    }

    @Test
    void theFramingSeedsAreUpToDate() throws IOException {
        assertCommitted(Path.of(SeedCorpus.FRAMING_DIRECTORY), SeedCorpus.framingSeeds());
    }

    private static void assertCommitted(Path directory, Map<String, byte[]> expected) throws IOException {
        try (var files = Files.list(directory)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .as("regenerate with SeedCorpus.main").containsExactlyInAnyOrderElementsOf(expected.keySet());
        }
        for (Map.Entry<String, byte[]> seed : expected.entrySet()) {
            assertThat(Files.readAllBytes(directory.resolve(seed.getKey()))).as(seed.getKey()).isEqualTo(seed.getValue());
        }
    }
}
