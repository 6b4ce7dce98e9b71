package org.albatross.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class UploadProgressTest {
    private static final byte[] BIG = new byte[3 * 1024 * 1024];

    @Test
    void aBigUploadOnATerminalDrawsABarUpToAHundredPercent() throws IOException {
        StringWriter err = new StringWriter();

        try (InputStream data = UploadProgress.around(new ByteArrayInputStream(BIG), BIG.length,
                new PrintWriter(err), true)) {
            assertThat(data.readAllBytes()).hasSize(BIG.length);
        }

        assertThat(err.toString()).contains("\r[" + "#".repeat(40) + "] 100% of 3072 KiB")
                .contains("] 50% of").endsWith(System.lineSeparator());
    }

    @Test
    void nothingIsDrawnWhenPipedOrForASmallUpload() throws IOException {
        StringWriter err = new StringWriter();

        UploadProgress.around(new ByteArrayInputStream(BIG), BIG.length, new PrintWriter(err), false)
                .readAllBytes();
        UploadProgress.around(new ByteArrayInputStream(new byte[1024]), 1024, new PrintWriter(err), true)
                .readAllBytes();

        assertThat(err.toString()).isEmpty();
    }

    @Test
    void generateCompletionWritesAScriptForTheClient() {
        ClientRun run = ClientRun.of("generate-completion");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("albatross-client", "complete -F", "console", "create-block");
    }
}
