package org.albatross.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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

  @Test
  void generateCompletionWritesAScriptForTheClient() {
    ClientRun run = ClientRun.of("generate-completion");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("albatross-client", "complete -F", "console", "create-block");
  }

  /**
   * Command lines that name a subcommand, the way users get them right and wrong: run through the command line built
   * for them ({@link AlbatrossClient#commandLineFor}, with that subcommand alone when they parse) and through the
   * full one, each prints the same and ends the same.
   */
  static Stream<Arguments> commandLines() {
    return Stream.of(
        Arguments.of((Object) new String[] {"--socket", "-", "console", "foo"}),
        Arguments.of((Object) new String[] {"console", "foo", "--socket", "-", "--count", "3"}),
        Arguments.of((Object) new String[] {"info", "--socket", "-"}),
        Arguments.of((Object) new String[] {"--socket", "-", "create-block", "disk", "12"}),
        Arguments.of((Object) new String[] {"--socket", "-", "create-block", "disk", "twelve"}),
        Arguments.of((Object) new String[] {"--socket", "info", "--timeout", "1"}),
        Arguments.of((Object) new String[] {"--timeout", "info", "console", "foo", "--socket", "-"}),
        Arguments.of((Object) new String[] {"-d", "info"}),
        Arguments.of((Object) new String[] {"--json", "info", "--socket", "-"}),
        Arguments.of((Object) new String[] {"info", "--help"}),
        Arguments.of((Object) new String[] {"--help", "info"}),
        Arguments.of((Object) new String[] {"--version", "console", "foo"}),
        Arguments.of((Object) new String[] {"info", "a", "b", "--socket", "-"}),
        Arguments.of((Object) new String[] {"create", "--socket", "-"}),
        Arguments.of((Object) new String[] {"restart", "web", "--mem", "64", "--socket", "-"}),
        Arguments.of((Object) new String[] {"--", "info"}),
        Arguments.of((Object) new String[] {"inf"}));
  }

  @ParameterizedTest
  @MethodSource("commandLines")
  void aCommandLineRunsAlikeWithItsSubcommandAloneAndWithEverySubcommand(String[] args) {
    ClientRun lean = run(AlbatrossClient.commandLineFor(args), args);
    ClientRun full = run(AlbatrossClient.commandLine(), args);

    assertThat(lean).isEqualTo(full);
  }

  private static ClientRun run(CommandLine cli, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new ClientRun(exit, out.toString(), err.toString());
  }
}
