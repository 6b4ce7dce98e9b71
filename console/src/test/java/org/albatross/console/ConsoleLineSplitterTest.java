package org.albatross.console;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ConsoleLineSplitterTest {
    private static final String TRUNCATED = ConsoleLineSplitter.TRUNCATED;

    @Test
    void splitsOnNewlinesAndKeepsAnUnfinishedLineForTheNextChunk() {
        ConsoleLineSplitter splitter = new ConsoleLineSplitter();
        List<String> lines = new ArrayList<>();
        byte[] first = "one\ntw".getBytes(UTF_8);
        byte[] second = "o\nthr".getBytes(UTF_8);
        splitter.feed(first, 0, first.length, lines::add);
        assertThat(lines).containsExactly("one");
        splitter.feed(second, 0, second.length, lines::add);
        assertThat(lines).containsExactly("one", "two");
        splitter.finish(lines::add);
        assertThat(lines).containsExactly("one", "two", "thr");
    }

    @Test
    void readsOnlyTheGivenRangeOfAChunk() {
        ConsoleLineSplitter splitter = new ConsoleLineSplitter();
        List<String> lines = new ArrayList<>();
        byte[] buffer = "xxhello\nyy".getBytes(UTF_8);
        splitter.feed(buffer, 2, 6, lines::add);
        assertThat(lines).containsExactly("hello");
    }

    @Test
    void crlfEndsALineLikeLf() {
        assertThat(SplitLines.of(bytes("dos\r\nunix\nmixed\r\n"))).containsExactly("dos", "unix", "mixed");
        assertThat(SplitLines.of(bytes("dos\r\n"), 4)).containsExactly("dos");
    }

    @Test
    void aCarriageReturnInsideALineIsKept() {
        assertThat(SplitLines.of(bytes("progress 10%\rprogress 20%\n"))).containsExactly("progress 10%\rprogress 20%");
    }

    @Test
    void emptyLinesAndBareCarriageReturnsAreDropped() {
        assertThat(SplitLines.of(bytes("\n\na\n\r\n\n\rb\n\n"))).containsExactly("a", "\rb");
    }

    @Test
    void aLineOfExactlyTheLimitIsKeptWhole() {
        String line = "x".repeat(512);
        assertThat(SplitLines.of(bytes(line + "\nnext\n"))).containsExactly(line, "next");
        assertThat(SplitLines.of(bytes(line + "\r\nnext\n"), 513)).containsExactly(line, "next");
        assertThat(SplitLines.of(bytes(line))).containsExactly(line);
    }

    @Test
    void aLineOneByteOverTheLimitIsCutAndTheRestDroppedUpToTheNewline() {
        String line = "y".repeat(512);
        assertThat(SplitLines.of(bytes(line + "z\nnext\n"))).containsExactly(line + TRUNCATED, "next");
        assertThat(SplitLines.of(bytes(line + "\rz\nnext\n"))).containsExactly(line + TRUNCATED, "next");
    }

    @Test
    void aLongLineIsCutOnceWhicheverChunksItArrivesIn() {
        byte[] input = bytes("a".repeat(300) + "b".repeat(2000) + "\nafter\n");
        List<String> expected = List.of("a".repeat(300) + "b".repeat(212) + TRUNCATED, "after");
        for (int cut = 0; cut <= input.length; cut++) {
            assertThat(SplitLines.of(input, cut)).as("cut at %d", cut).isEqualTo(expected);
        }
        assertThat(SplitLines.of(input, 100, 511, 512, 513, 514, 1500, 2300)).isEqualTo(expected);
    }

    @Test
    void theCutNeverSplitsACharacter() {
        // 511 ASCII bytes then a 3-byte character: byte 512 is in the middle of the euro sign.
        String line = "c".repeat(511) + "€€";
        assertThat(SplitLines.of(bytes(line + "\n"))).containsExactly("c".repeat(511) + TRUNCATED);
        String exact = "c".repeat(509) + "€";
        assertThat(SplitLines.of(bytes(exact + "€\n"))).containsExactly(exact + TRUNCATED);
    }

    @Test
    void charactersSplitAcrossChunksAreDecodedWhole() {
        byte[] input = bytes("grüße 😀\n");
        for (int cut = 0; cut <= input.length; cut++) {
            assertThat(SplitLines.of(input, cut)).containsExactly("grüße 😀");
        }
    }

    @Test
    void malformedUtf8BecomesReplacementCharacters() {
        byte[] input = {'o', 'k', (byte) 0xFF, ' ', (byte) 0xE2, (byte) 0x82, '\n'};
        assertThat(SplitLines.of(input)).containsExactly("ok\uFFFD \uFFFD");
    }

    @Test
    void aLineOfMalformedBytesStaysWithinTheLimitAfterDecoding() {
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        for (int i = 0; i < 300; i++) {
            input.write(0xFF);
        }
        input.write('\n');
        List<String> lines = SplitLines.of(input.toByteArray());
        // 300 malformed bytes decode to 900 bytes of U+FFFD: only 170 whole ones fit into 512 bytes.
        assertThat(lines).containsExactly("\uFFFD".repeat(170) + TRUNCATED);
        assertThat(SplitLines.violation(lines)).isNull();
    }

    @Test
    void finishAfterACutLineGivesNothingMore() {
        assertThat(SplitLines.of(bytes("q".repeat(600)))).containsExactly("q".repeat(512) + TRUNCATED);
    }

    @Test
    void finishWithoutInputGivesNothing() {
        assertThat(SplitLines.of(new byte[0])).isEmpty();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
