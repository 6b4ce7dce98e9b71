package org.albatross.daemon.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz test of the segment reader. In a normal run it replays the seeds of {@link SegmentSeeds}; with
 * JAZZER_FUZZ=1 it fuzzes. Whatever the bytes, scanning returns (never throws), keeps only whole valid records, and
 * accounts for every other byte as reported damage or as a tail.
 */
class SegmentScanFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void anyBytesScanToAValidPrefixAndReportedDamage(byte[] input) {
        SegmentScan scan = SegmentScan.of(input);

        assertThat(scan.end()).isBetween(0, input.length);
        assertThat(scan.hasTail()).isEqualTo(scan.end() < input.length);
        int previousEnd = 0;
        for (SegmentScan.Damage damage : scan.damage()) {
            assertThat(damage.offset()).isGreaterThanOrEqualTo(previousEnd);
            assertThat(damage.length()).isPositive();
            assertThat(damage.reason()).isNotBlank();
            previousEnd = damage.offset() + damage.length();
        }
        assertThat(previousEnd).isLessThanOrEqualTo(scan.end());
        SegmentScan prefix = SegmentScan.of(input, scan.end());
        assertThat(prefix.events()).as("the valid prefix reads the same on its own").isEqualTo(scan.events());
        assertThat(prefix.hasTail()).isFalse();
    }
}
