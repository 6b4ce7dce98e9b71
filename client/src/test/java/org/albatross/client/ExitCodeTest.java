package org.albatross.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ExitCodeTest {
    @Test
    void codesAreAlbatrosss() {
        assertThat(Arrays.stream(ExitCode.values()).mapToInt(ExitCode::code))
                .containsExactly(0, 116, 117, 118, 119, 120, 121, 122, 124, 125);
    }

    @Test
    void eachFailureMapsToItsCode() {
        assertThat(FailureReporter.statusOf(new ClientFailure(ExitCode.CHAIN_FAILURE, "x")))
                .isEqualTo(ExitCode.CHAIN_FAILURE);
        assertThat(FailureReporter.statusOf(new IllegalArgumentException("bad name")))
                .isEqualTo(ExitCode.CLI_FAILED);
        assertThat(FailureReporter.statusOf(new IllegalStateException("bug"))).isEqualTo(ExitCode.INTERNAL_ERROR);
    }

    @Test
    void aBadNameIsAUsageErrorOnOneLine() {
        ClientRun run = ClientRun.of("destroy", "no spaces allowed", "--socket", "-");

        assertThat(run.exit()).isEqualTo(124);
        assertThat(run.err()).hasLineCount(1).startsWith("albatross-client: ").doesNotContain("Exception");
    }

    @Test
    void aMissingArgumentIsCmdlinersUsageCode() {
        ClientRun run = ClientRun.of("destroy", "--socket", "-");

        assertThat(run.exit()).isEqualTo(ExitCode.CLI_FAILED.code());
        assertThat(run.err()).isEqualTo("albatross-client: Missing required parameter: 'NAME'; see albatross-client"
                + " destroy --help" + System.lineSeparator());
    }
}
