package org.albatross.client;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code albatross-client}: one command line for local and remote use, with albatross's subcommand names, flags
 * and exit codes (docs/client.md).
 */
@Command(
    name = "albatross-client",
    mixinStandardHelpOptions = true,
    versionProvider = ClientVersion.class,
    description = "Deploys and manages unikernels on an albatross daemon, locally or over mutual TLS.")
public final class AlbatrossClient implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Shared by every subcommand (inherited options): {@code --socket - console foo} as albatross writes it. */
  @CommandLine.Mixin Target target;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The command line with every subcommand, one-line errors and albatross's exit codes. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new AlbatrossClient());
    for (Class<?> service : new Class<?>[] {UnikernelCommands.class, StreamCommands.class, PolicyCommands.class,
        BlockCommands.class, ProvisionCommands.class, DumpCommands.class}) {
      CommandLine.getCommandMethods(service, null).forEach(cli::addSubcommand);
    }
    cli.addSubcommand("generate-completion", new picocli.AutoComplete.GenerateCompletion());
    // after the subcommands: picocli applies this to those it has (so that --image-via takes "auto")
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler(new FailureReporter());
    cli.setExitCodeExceptionMapper(failure -> FailureReporter.statusOf(
        failure instanceof Exception exception ? exception : new RuntimeException(failure)).code());
    return cli;
  }

  /** Runs one command line with its output and errors going to the given writers; returns the exit code. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = commandLine();
    cli.setOut(out);
    cli.setErr(err);
    return cli.execute(args);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
