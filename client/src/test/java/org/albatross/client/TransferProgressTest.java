package org.albatross.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TransferProgressTest {
    private static final int MIB = 1024 * 1024;
    private static final byte[] BIG = new byte[3 * MIB];

    @Test
    void aKnownSizeIsABarAndAPercentage() {
        OptionalLong size = OptionalLong.of(3 * MIB);

        assertThat(TransferProgress.line(0, size)).isEqualTo("[" + ".".repeat(40) + "] 0% of 3072 KiB");
        assertThat(TransferProgress.line(3 * MIB / 2, size)).isEqualTo("[" + "#".repeat(20) + ".".repeat(20)
                + "] 50% of 3072 KiB");
        assertThat(TransferProgress.line(3 * MIB, size)).isEqualTo("[" + "#".repeat(40) + "] 100% of 3072 KiB");
    }

    @Test
    void anUnknownSizeCountsWholeMibOnceOverTheThreshold() {
        assertThat(TransferProgress.line(MIB, OptionalLong.empty())).isEmpty();
        assertThat(TransferProgress.line(MIB + 1, OptionalLong.empty())).isEqualTo("1 MiB received");
        assertThat(TransferProgress.line(5 * MIB + 7, OptionalLong.empty())).isEqualTo("5 MiB received");
    }

    @Test
    void aSmallTransferDrawsNothing() {
        assertThat(TransferProgress.line(0, OptionalLong.of(MIB))).isEmpty();
        assertThat(TransferProgress.line(MIB, OptionalLong.of(MIB))).isEmpty();
    }

    @Test
    void aBigUploadRedrawsItsBarInPlaceUpToAHundredPercentThenEndsTheLine() throws IOException {
        StringWriter err = new StringWriter();
        TransferProgress progress = TransferProgress.drawnOn(new PrintWriter(err), OptionalLong.of(BIG.length));

        try (InputStream data = new UploadProgress(new ByteArrayInputStream(BIG), progress)) {
            assertThat(data.readAllBytes()).hasSize(BIG.length);
        }

        assertThat(err.toString()).startsWith("\r[").contains("] 50% of 3072 KiB")
                .endsWith("\r[" + "#".repeat(40) + "] 100% of 3072 KiB" + System.lineSeparator());
        assertThat(err.toString().split("\r")).as("one redraw per percent, not per read").hasSizeLessThanOrEqualTo(102);
    }

    @Test
    void aDownloadOfUnknownSizeCountsWhatHasCome() {
        StringWriter err = new StringWriter();
        TransferProgress progress = TransferProgress.drawnOn(new PrintWriter(err), OptionalLong.empty());

        for (int chunk = 0; chunk < 48; chunk++) {
            progress.advance(64 * 1024);
        }
        progress.finish();

        assertThat(err.toString()).isEqualTo("\r1 MiB received\r2 MiB received\r3 MiB received"
                + System.lineSeparator());
    }

    @Test
    void anUploadThatStopsShortIsEndedByFinishSoThatAFailureStartsOnItsOwnLine() {
        StringWriter err = new StringWriter();
        TransferProgress progress = TransferProgress.drawnOn(new PrintWriter(err), OptionalLong.of(BIG.length));

        progress.advance(MIB);
        progress.finish();
        progress.finish();

        assertThat(err.toString()).endsWith("33% of 3072 KiB" + System.lineSeparator());
    }

    @Test
    void silentProgressDrawsNothing() throws IOException {
        try (InputStream data = new UploadProgress(new ByteArrayInputStream(BIG), TransferProgress.silent())) {
            assertThat(data.readAllBytes()).hasSize(BIG.length);
        }
        TransferProgress.silent().advance(BIG.length);
        TransferProgress.silent().finish();
    }
}
