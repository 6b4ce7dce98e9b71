package org.albatross.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** Replays its seed corpus in a normal run; {@code JAZZER_FUZZ=1} fuzzes. */
class ConsoleLineSplitterFuzzTest {
    @FuzzTest(maxDuration = "2m")
    void linesObeyTheLimitsWhateverTheInputAndItsChunking(FuzzedDataProvider data) {
        int[] cuts = data.consumeInts(data.consumeInt(0, 32));
        byte[] input = data.consumeRemainingAsBytes();
        int[] chunking = Arrays.stream(cuts).map(cut -> Math.floorMod(cut, input.length + 1)).sorted().toArray();

        var whole = SplitLines.of(input);
        assertThat(SplitLines.violation(whole)).isNull();
        assertThat(SplitLines.of(input, chunking)).isEqualTo(whole);
    }
}
