package org.albatross.daemon.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SegmentSeedsTest {

    @Test
    void theCommittedSeedsAreWhatOurWriterProduces() throws IOException {
        Path directory = Path.of(SegmentSeeds.DIRECTORY);
        Map<String, byte[]> expected = SegmentSeeds.seeds();
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(file -> file.getFileName().toString())).as("regenerate with SegmentSeeds.main")
                    .containsExactlyInAnyOrderElementsOf(expected.keySet());
        }
        for (Map.Entry<String, byte[]> seed : expected.entrySet()) {
            assertThat(directory.resolve(seed.getKey())).as(seed.getKey()).hasBinaryContent(seed.getValue());
        }
    }

    @Test
    void theSeedsCoverEachKindOfDamage() {
        Map<String, byte[]> seeds = SegmentSeeds.seeds();

        assertThat(SegmentScan.of(seeds.get("three-records")).events()).hasSize(3);
        assertThat(SegmentScan.of(seeds.get("torn-tail")).tail()).contains("cut short");
        assertThat(SegmentScan.of(seeds.get("garbage-between-records")).damage()).singleElement()
                .extracting(SegmentScan.Damage::length).isEqualTo("not a record!".length());
        assertThat(SegmentScan.of(seeds.get("bit-flip-in-the-middle")).events()).hasSize(2);
        assertThat(SegmentScan.of(seeds.get("huge-length")).damage()).singleElement()
                .extracting(SegmentScan.Damage::reason).asString().contains("out of range");
        assertThat(SegmentScan.of(seeds.get("zeros-after-a-record")).hasTail()).isTrue();
    }
}
