package org.albatross.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AlbatrossClientTest {

  @Test
  void helpNamesTheProgramAndSucceeds() {
    StringWriter out = new StringWriter();
    CommandLine cli = AlbatrossClient.commandLine().setOut(new PrintWriter(out));

    int exit = cli.execute("--help");

    assertThat(exit).isZero();
    assertThat(out.toString()).contains("Usage: albatross-client").contains("--version");
  }

  @Test
  void anUnknownOptionIsAUsageErrorNotAStackTrace() {
    StringWriter err = new StringWriter();
    CommandLine cli = AlbatrossClient.commandLine().setErr(new PrintWriter(err));

    int exit = cli.execute("--no-such-option");

    assertThat(exit).isEqualTo(ExitStatus.CLI_FAILED.code());
    assertThat(err.toString()).contains("Unknown option: '--no-such-option'").doesNotContain("Exception");
  }
}
