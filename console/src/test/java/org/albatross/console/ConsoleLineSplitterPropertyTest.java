package org.albatross.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Seeded random inputs and chunkings; a failing seed is in the test name and reproduces the case. */
class ConsoleLineSplitterPropertyTest {
    private static final byte[][] PIECES = {
        bytes("a"), bytes("é"), bytes("€"), bytes("😀"), bytes("\n"), bytes("\r"), bytes("\r\n"),
        {(byte) 0xFF}, {(byte) 0x80}, {(byte) 0xE2, (byte) 0x82},
    };

    static LongStream seeds() {
        long base = Long.getLong("albatross.seed", 20261124L);
        return LongStream.range(base, base + 200);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void linesObeyTheLimitsAndDependOnlyOnTheConcatenatedInput(long seed) {
        Random random = new Random(seed);
        byte[] input = randomConsoleOutput(random);
        List<String> whole = SplitLines.of(input);

        assertThat(SplitLines.violation(whole)).isNull();
        assertThat(SplitLines.of(input, randomCuts(random, input.length))).isEqualTo(whole);
        assertThat(SplitLines.of(input, LongStream.range(1, input.length).mapToInt(i -> (int) i).toArray()))
                .isEqualTo(whole);
    }

    private static byte[] randomConsoleOutput(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pieces = random.nextInt(400);
        for (int i = 0; i < pieces; i++) {
            byte[] piece = PIECES[random.nextInt(PIECES.length)];
            // Long runs of one piece make lines that cross the limit, with every kind of character at the cut.
            int repeat = random.nextInt(10) == 0 ? random.nextInt(700) : 1;
            for (int r = 0; r < repeat; r++) {
                out.writeBytes(piece);
            }
        }
        return out.toByteArray();
    }

    private static int[] randomCuts(Random random, int length) {
        int[] cuts = random.ints(random.nextInt(20), 0, length + 1).toArray();
        Arrays.sort(cuts);
        return cuts;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
