package org.albatross.daemon.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.albatross.protocol.testing.InputTimeLimit;

/**
 * Jazzer fuzz test of the segment reader. In a normal run it replays the seeds of {@link SegmentSeeds}; with
 * JAZZER_FUZZ=1 it fuzzes. Whatever the bytes, scanning returns (never throws), keeps only whole valid records, and
 * accounts for every other byte as reported damage or as a tail.
 */
class SegmentScanFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void anyBytesScanToAValidPrefixAndReportedDamage(byte[] input) throws Exception {
        InputTimeLimit.check(() -> scan(input));
    }

    private static void scan(byte[] input) {
        SegmentScan scan = SegmentScan.of(input);

        assertThat(scan.end()).isBetween(0, input.length);
        assertThat(scan.hasTail()).isEqualTo(scan.end() < input.length);
        List<int[]> pieces = new ArrayList<>();
        scan.frames().forEach(frame -> pieces.add(new int[] {frame.offset(), frame.length()}));
        scan.damage().forEach(damage -> pieces.add(new int[] {damage.offset(), damage.length()}));
        pieces.sort(Comparator.comparingInt(piece -> piece[0]));
        int covered = 0;
        for (int[] piece : pieces) {
            assertThat(piece[0]).as("whole records and damage tile the prefix").isEqualTo(covered);
            assertThat(piece[1]).isPositive();
            covered += piece[1];
        }
        assertThat(covered).isEqualTo(scan.end());
        assertThat(scan.damage()).allSatisfy(damage -> assertThat(damage.reason()).isNotBlank());
        SegmentScan prefix = SegmentScan.of(input, scan.end());
        assertThat(prefix.frames()).as("the valid prefix reads the same on its own").isEqualTo(scan.frames());
        assertThat(prefix.hasTail()).isFalse();
        assertThat(prefix.events()).isEqualTo(scan.events());
    }
}
