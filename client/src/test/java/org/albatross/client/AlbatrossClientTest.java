package org.albatross.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.albatross.client.cli.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class AlbatrossClientTest {

  @Test
  void helpNamesTheProgramAndSucceeds() {
    StringWriter out = new StringWriter();
    CommandLine cli = ClientCommandLine.of().setOut(new PrintWriter(out));

    int exit = cli.execute("--help");

    assertThat(exit).isZero();
    assertThat(out.toString()).contains("Usage: albatross-client").contains("--version");
    assertThat(ClientRun.of("help").out()).isEqualTo(out.toString());
  }

  @Test
  void anUnknownOptionIsAUsageErrorNotAStackTrace() {
    StringWriter err = new StringWriter();
    CommandLine cli = ClientCommandLine.of().setErr(new PrintWriter(err));

    int exit = cli.execute("--no-such-option");

    assertThat(exit).isEqualTo(ExitCode.CLI_FAILED.code());
    assertThat(err.toString()).contains("Unknown option: '--no-such-option'").doesNotContain("Exception");
  }

  /** Every subcommand and alias but picocli's own {@code help}. */
  static Stream<String> subcommands() {
    return ClientCommandLine.of().getSubcommands().keySet().stream().filter(name -> !name.equals("help"));
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

    assertThat(missing.exit()).isEqualTo(ExitCode.CLI_FAILED.code());
    assertThat(missing.err()).isEqualTo("albatross-client: Missing required parameter: '[NAME] IMAGE'; see"
        + " albatross-client create --help" + System.lineSeparator());
    assertThat(unknown.exit()).isEqualTo(ExitCode.CLI_FAILED.code());
    assertThat(unknown.err()).startsWith("albatross-client: unknown command 'frob'").hasLineCount(1)
        .endsWith("; albatross-client --help lists the commands" + System.lineSeparator());
  }

  @Test
  void noOptionNeedsAConverterTheClientLeavesOut() {
    List<Class<?>> types = new ArrayList<>();
    collectValueTypes(ClientCommandLine.of(), types);

    assertThat(types).isNotEmpty().allSatisfy(type -> assertThat(Arrays.stream(
        ClientCommandLine.UNUSED_VALUE_TYPES.split(","))).noneMatch(type.getName()::matches));
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
   * Command lines the way users get them right and wrong: each prints the same and ends the same whether the client's
   * own parser takes it (it does for most that run) or picocli's command line parses it (as for help, usage errors and
   * what the client's parser leaves to picocli).
   */
  static Stream<Arguments> commandLines() {
    return Stream.of(
        "--socket - console foo",
        "console foo --socket - --count 3",
        "console foo --socket=- --count=3 --lines 2",
        "info --socket -",
        "info --socket=- a:b",
        "info a:b --socket",
        "info --socket -- a",
        "--socket - create-block disk 12",
        "--socket - create-block disk twelve",
        "--socket - create-block disk -12",
        "--socket info --timeout 1",
        "--timeout info console foo --socket -",
        "--timeout 5 --socket - info --timeout 6",
        "info --socket - --timeout",
        "info --socket - --timeout=",
        "info --socket - --json --json",
        "info --socket - --json=true",
        "-d info",
        "--json info --socket -",
        "info --help",
        "create --help",
        "help create",
        "create --version",
        "log --socket - --count 2",
        "replace-policy a 2 --mem 8 --cpu 0 --socket -",
        "add-policy a --unikernels 2 --mem 8 --cpus 0,1 --bridge b0 --network b1 --socket -",
        "add-policy a --unikernels 2 --mem 8 --cpus 0,,1 --socket -",
        "add-policy a --unikernels 2 --cpus 0 --socket -",
        "--help info",
        "--version console foo",
        "info a b --socket -",
        "create --socket -",
        "restart web --mem 64 --socket -",
        "restart web --replace-arguments --arg=--hello=Hi --arg --bye --socket -",
        "restart web --replace-arguments --arg --json --socket -",
        "restart web --replace-arguments --block a:b@512 --net n@00:80:41:aa:bb:cc --exit-code 3 --socket -",
        "restart web --replace-arguments --block a@100 --socket -",
        "stats-add 12 -n a:b --bridge br0:tap0 --bridge br1:tap1 --socket -",
        "stats-add 12 --bridge br0 --socket -",
        "stats-add -- -12 --socket -",
        "get web -fo web.img --socket -",
        "update web --health nothing --socket -",
        "create --image-via STREAM x.img --socket -",
        "create --image-via sideways x.img --socket -",
        "-- info",
        "info -- --socket -",
        "info --socket - -- -",
        "info --socket - @nowhere",
        "info --nope",
        "inf").map(line -> Arguments.of((Object) line.split(" ")));
  }

  @ParameterizedTest
  @MethodSource("commandLines")
  void aCommandLineRunsAlikeThroughTheClientsParserAndThroughPicocli(String[] args) {
    ClientRun client = ClientRun.of(args);
    ClientRun picocli = run(ClientCommandLine.of(), args);

    assertThat(client).isEqualTo(picocli);
  }

  /** What the client's parser takes (so that picocli is not loaded), and what it leaves to picocli. */
  @Test
  void theClientsParserTakesWhatRunsAndLeavesHelpAndMistakesToPicocli() {
    Parser parser = new Parser(AlbatrossClient.PROGRAM);
    Stream<String> runs = Stream.of("--socket - console foo", "info", "info --socket=- a:b",
        "console foo --count 3 --socket -", "--socket - create-block disk 12", "info --socket /run/s --timeout=5",
        "restart web --replace-arguments --arg=--hello=Hi --cpu 0 --cpu 1", "add-policy a --mem 8 --cpus 0,1 2",
        "destroy -- -web", "events -n a --lines 2", "create --image-via stream x.img");
    Stream<String> leftToPicocli = Stream.of("", "--help", "info --help", "help info", "info -hV", "--version",
        "generate-completion", "create", "info --timeout", "info --nope", "get web -fo web.img", "info @args",
        "--timeout info", "--json info", "info --json --json", "info --json=true", "restart web --arg --hello",
        "create-block disk twelve", "stats-add -12", "info a b", "inf");

    assertThat(runs).allSatisfy(line -> assertThat(parser.parse(List.of(line.split(" ")), null, null)).isPresent());
    assertThat(leftToPicocli).allSatisfy(line -> assertThat(parser.parse(
        line.isEmpty() ? List.of() : List.of(line.split(" ")), null, null)).isEmpty());
  }

  @Test
  void anOptionsValueMayFollowItOrBeJoinedToIt() {
    assertThat(ClientRun.printed("console", "foo", "--count=3", "--since=2025-01-01T00:00:00Z"))
        .isEqualTo(ClientRun.printed("console", "foo", "--count", "3", "--since", "2025-01-01T00:00:00Z"));
  }

  @Test
  void clusteredShortOptionsRunAsWhenGivenApart() {
    assertThat(ClientRun.of("get", "web", "-fo", "web.img", "--socket", "-"))
        .isEqualTo(ClientRun.of("get", "web", "-f", "-o", "web.img", "--socket", "-"));
  }

  @Test
  void aMissingValueOrAnUnknownOptionIsTheSameOneLineAsBefore() {
    ClientRun missing = ClientRun.of("info", "--socket", "-", "--timeout");
    ClientRun unknown = ClientRun.of("info", "--nope");

    assertThat(missing.exit()).isEqualTo(ExitCode.CLI_FAILED.code());
    assertThat(missing.err()).isEqualTo("albatross-client: Missing required parameter for option '--timeout'"
        + " (SECONDS); see albatross-client info --help" + System.lineSeparator());
    assertThat(unknown.exit()).isEqualTo(ExitCode.CLI_FAILED.code());
    assertThat(unknown.err()).isEqualTo("albatross-client: Unknown option: '--nope'; see albatross-client info --help"
        + System.lineSeparator());
  }

  @Test
  void afterADoubleDashEverythingIsAPositionalParameter() {
    ClientRun dashed = ClientRun.of("destroy", "--socket", "-", "--", "-web");

    assertThat(dashed.exit()).as("%s", dashed).isEqualTo(ExitCode.CLI_FAILED.code());
    assertThat(dashed.err()).as("the name reaches the command, which refuses it")
        .startsWith("albatross-client: invalid name \"-web\"").hasLineCount(1);
  }

  /**
   * A command the client's parser runs loads no picocli class at all: its model of a command line took most of a
   * local command's start (docs/performance.md).
   */
  @Test
  void aLocalCommandLoadsNoPicocliClass() throws Exception {
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-verbose:class", "-cp", System.getProperty("java.class.path"), AlbatrossClient.class.getName(),
        "--socket", "-", "console", "foo").redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.waitFor()).as(output).isZero();
    assertThat(output).contains("org.albatross.client.AlbatrossClient", "30 20 30 13")
        .doesNotContain("picocli.");
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
