package org.albatross.protocol.testing;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The committed Jazzer seeds are exactly what {@link SeedCorpus} writes from our own encoder. */
class SeedCorpusTest {

    @Test
    void theDecoderSeedsAreUpToDate() throws IOException {
        SeedFiles.assertCurrent(Path.of(SeedCorpus.DECODER_DIRECTORY), SeedCorpus.decoderSeeds(), "SeedCorpus");
    }

    @Test
    void theFramingSeedsAreUpToDate() throws IOException {
        SeedFiles.assertCurrent(Path.of(SeedCorpus.FRAMING_DIRECTORY), SeedCorpus.framingSeeds(), "SeedCorpus");
    }
}
