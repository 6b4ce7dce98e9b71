package org.albatross.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
    assertThat(ClientRun.of("help").out()).isEqualTo(out.toString());
  }

  @Test
  void anUnknownOptionIsAUsageErrorNotAStackTrace() {
    StringWriter err = new StringWriter();
    CommandLine cli = AlbatrossClient.commandLine().setErr(new PrintWriter(err));

    int exit = cli.execute("--no-such-option");

    assertThat(exit).isEqualTo(ExitStatus.CLI_FAILED.code());
    assertThat(err.toString()).contains("Unknown option: '--no-such-option'").doesNotContain("Exception");
  }

  /** Every subcommand and alias but picocli's own {@code help}. */
  static Stream<String> subcommands() {
    return AlbatrossClient.commandLine().getSubcommands().keySet().stream().filter(name -> !name.equals("help"));
  }

  @ParameterizedTest
  @MethodSource("subcommands")
  void everySubcommandHasItsHelpWithReadableLabelsAlsoAsHelpCmd(String subcommand) {
    ClientRun help = ClientRun.of(subcommand, "--help");
    ClientRun topic = ClientRun.of("help", subcommand);

    assertThat(help.exit()).isZero();
    assertThat(help.err()).isEmpty();
    assertThat(help.out()).startsWith("Usage: albatross-client ").doesNotContain("<arg");
    assertThat(topic).isEqualTo(help);
  }

  @ParameterizedTest
  @MethodSource("subcommands")
  void everySubcommandPrintsTheVersion(String subcommand) {
    ClientRun version = ClientRun.of(subcommand, "--version");

    assertThat(version.exit()).isZero();
    assertThat(version.out().lines().findFirst()).as("the project's version, as Maven wrote it")
        .hasValueSatisfying(line -> assertThat(line).matches("albatross-client \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"));
  }

  @Test
  void aUsageErrorIsOneLineThatSaysWhereTheHelpIs() {
    ClientRun missing = ClientRun.of("create");
    ClientRun unknown = ClientRun.of("frob");

    assertThat(missing.exit()).isEqualTo(ExitStatus.CLI_FAILED.code());
    assertThat(missing.err()).isEqualTo("albatross-client: Missing required parameter: '[NAME] IMAGE'; see"
        + " albatross-client create --help" + System.lineSeparator());
    assertThat(unknown.exit()).isEqualTo(ExitStatus.CLI_FAILED.code());
    assertThat(unknown.err()).startsWith("albatross-client: unknown command 'frob'").hasLineCount(1)
        .endsWith("; albatross-client --help lists the commands" + System.lineSeparator());
  }

  @Test
  void noOptionNeedsAConverterTheClientLeavesOut() {
    List<Class<?>> types = new ArrayList<>();
    collectValueTypes(AlbatrossClient.commandLine(), types);

    assertThat(types).isNotEmpty().allSatisfy(type -> assertThat(Arrays.stream(
        AlbatrossClient.UNUSED_VALUE_TYPES.split(","))).noneMatch(type.getName()::matches));
  }

  private static void collectValueTypes(CommandLine cli, List<Class<?>> types) {
    for (CommandLine.Model.ArgSpec arg : cli.getCommandSpec().args()) {
      types.add(arg.type());
      types.addAll(Arrays.asList(arg.auxiliaryTypes()));
    }
    cli.getSubcommands().values().forEach(subcommand -> collectValueTypes(subcommand, types));
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
        Arguments.of((Object) new String[] {"create", "--help"}),
        Arguments.of((Object) new String[] {"help", "create"}),
        Arguments.of((Object) new String[] {"create", "--version"}),
        Arguments.of((Object) new String[] {"log", "--socket", "-", "--count", "2"}),
        Arguments.of((Object) new String[] {"replace-policy", "a", "2", "--mem", "8", "--cpu", "0", "--socket", "-"}),
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
