package org.albatross.daemon.consolefiles;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import org.albatross.console.ConsoleLine;
import org.albatross.console.ConsoleLineSplitter;
import org.junit.jupiter.api.Test;

class ConsoleFileFormatTest {
    private static final Instant T0 = Instant.parse("2026-12-06T03:00:00.123456789Z");

    @Test
    void aLineIsItsTimestampASpaceAndItsText() {
        assertThat(new String(ConsoleFileFormat.encode(new ConsoleLine(T0, "kernel panic: oops")), UTF_8))
                .isEqualTo("2026-12-06T03:00:00.123456789Z kernel panic: oops\n");
    }

    @Test
    void linesComeBackAsTheyWereWrittenWithTheirSpacesAndCharacters() {
        ConsoleLine first = new ConsoleLine(T0, "  indented \r and \u00e9\uFFFD");
        ConsoleLine second = new ConsoleLine(T0.plusSeconds(1), "x");
        byte[] bytes = concat(ConsoleFileFormat.encode(first), ConsoleFileFormat.encode(second));

        ConsoleFileFormat.Read read = ConsoleFileFormat.decode(bytes, 0, bytes.length, true);

        assertThat(read.lines()).containsExactly(first, second);
        assertThat(read.damaged()).isZero();
    }

    @Test
    void aCutOffFirstPieceAndAnUnfinishedLastLineAreNotLines() {
        byte[] bytes = "ing the end of a line\n2026-12-06T03:00:00Z whole\n2026-12-06T03:00:01Z unfini"
                .getBytes(UTF_8);
        assertThat(ConsoleFileFormat.decode(bytes, 0, bytes.length, false).lines())
                .containsExactly(new ConsoleLine(Instant.parse("2026-12-06T03:00:00Z"), "whole"));
    }

    @Test
    void aLineWhoseTimestampDoesNotParseIsCountedAsDamaged() {
        byte[] bytes = "yesterday noon\nnospace\n2026-12-06T03:00:00Z \n2026-12-06T03:00:00Z kept\n".getBytes(UTF_8);
        ConsoleFileFormat.Read read = ConsoleFileFormat.decode(bytes, 0, bytes.length, true);
        assertThat(read.lines()).extracting(ConsoleLine::text).containsExactly("kept");
        assertThat(read.damaged()).isEqualTo(3);
    }

    @Test
    void aDateThatDoesNotExistIsADamagedLine() {
        byte[] bytes = ("2026-02-30T03:00:00Z no such day\n2026-13-01T03:00:00Z no such month\n"
                + "2026-12-06T03:60:00Z no such minute\n2026-12-06T0x:00:00Z x\n2026-12-06T03:00:00.12Z two digits\n"
                + "2026-12-06T03:00:00Z kept\n").getBytes(UTF_8);
        ConsoleFileFormat.Read read = ConsoleFileFormat.decode(bytes, 0, bytes.length, true);
        assertThat(read.lines()).extracting(ConsoleLine::text).containsExactly("two digits", "kept");
        assertThat(read.damaged()).isEqualTo(4);
    }

    @Test
    void theLongestLineFitsTheLargestRecord() {
        String longest = "\u00e9".repeat(ConsoleLineSplitter.MAX_LINE_BYTES / 2) + ConsoleLineSplitter.TRUNCATED;
        assertThat(ConsoleFileFormat.encode(new ConsoleLine(Instant.MAX, longest)))
                .hasSizeLessThanOrEqualTo(ConsoleFileFormat.MAX_RECORD_BYTES);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
