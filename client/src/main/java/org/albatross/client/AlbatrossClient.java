package org.albatross.client;

import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

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
  /** The classes whose {@code @Command} methods are the subcommands, in the order the usage lists them. */
  private static final Class<?>[] SERVICES = {UnikernelCommands.class, StreamCommands.class, PolicyCommands.class,
      BlockCommands.class, ProvisionCommands.class, DumpCommands.class, UpdateCommands.class};

  /**
   * The value types whose converters picocli need not register: it registers converters for java.sql's and
   * java.time's types by reflection for every command line it builds, which loads and initialises about 120 classes
   * (java.time's formatters first of all) on every command's start. No option here has such a type but
   * {@link java.time.Instant} ({@code console --since}), whose converter stays (AlbatrossClientTest checks).
   */
  static final String UNUSED_VALUE_TYPES = "java\\.sql\\..*,java\\.time\\.(?!Instant$).*";

  static {
    System.setProperty("picocli.converters.excludes", UNUSED_VALUE_TYPES);
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Shared by every subcommand (inherited options): {@code --socket - console foo} as albatross writes it. */
  @CommandLine.Mixin Target target;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The command line with every subcommand, {@code help CMD}, one-line errors and albatross's exit codes. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new AlbatrossClient());
    for (Class<?> service : SERVICES) {
      CommandLine.getCommandMethods(service, null).forEach(cli::addSubcommand);
    }
    cli.addSubcommand("generate-completion", new picocli.AutoComplete.GenerateCompletion());
    cli.addSubcommand(new CommandLine.HelpCommand());
    return configured(cli);
  }

  /**
   * The command line that runs {@code args}: when they name a subcommand and parse, the top-level command with that
   * subcommand alone, as picocli builds each subcommand's model from its annotations (reflection that took most of
   * a local command's start when done for all of them); {@link #commandLine()} for anything else (help, a usage
   * error, the completion script), whose messages list every subcommand. Parsing has no effect, so trying costs
   * only the parse: either way the command runs as the full command line would run it.
   */
  static CommandLine commandLineFor(String... args) {
    Map<String, Method> subcommands = subcommandMethods();
    Method named = Arrays.stream(args).map(subcommands::get).filter(Objects::nonNull).findFirst()
        .orElse(null);
    if (named != null) {
      CommandLine lean = new CommandLine(new AlbatrossClient());
      lean.addSubcommand(named);
      configured(lean);
      try {
        if (!asksForHelp(lean.parseArgs(args))) {
          return lean;
        }
      } catch (ParameterException reportedByTheFullCommandLine) {
        // its message and usage are the full command line's to print, with every subcommand
      }
    }
    return commandLine();
  }

  /** Whether the top-level command or the subcommand was asked for its usage or version. */
  private static boolean asksForHelp(ParseResult parsed) {
    for (ParseResult command = parsed; command != null; command = command.subcommand()) {
      if (command.isUsageHelpRequested() || command.isVersionHelpRequested()) {
        return true;
      }
    }
    return false;
  }

  /** The subcommands by name and alias, read from the methods' annotations alone (no model is built). */
  private static Map<String, Method> subcommandMethods() {
    Map<String, Method> methods = new LinkedHashMap<>();
    for (Class<?> service : SERVICES) {
      for (Method method : service.getDeclaredMethods()) {
        Command command = method.getAnnotation(Command.class);
        if (command != null) {
          methods.put(command.name(), method);
          Arrays.stream(command.aliases()).forEach(alias -> methods.put(alias, method));
        }
      }
    }
    return methods;
  }

  /**
   * The version for every subcommand's {@code --version} ({@link Output} gives each {@code --help} and
   * {@code --version}, as cmdliner does), short synopses (the options follow in the usage anyway), one-line errors
   * and albatross's exit codes. Applied after the subcommands are added, as picocli applies some settings only to the
   * subcommands it has.
   */
  private static CommandLine configured(CommandLine cli) {
    for (CommandLine subcommand : cli.getSubcommands().values()) {
      CommandLine.Model.CommandSpec spec = subcommand.getCommandSpec();
      if (spec.versionProvider() == null) {
        spec.versionProvider(new ClientVersion());
      }
      spec.usageMessage().abbreviateSynopsis(true);
    }
    // so that --image-via takes "auto"
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setParameterExceptionHandler(new UsageError());
    cli.setExecutionExceptionHandler(new FailureReporter());
    cli.setExitCodeExceptionMapper(failure -> FailureReporter.statusOf(
        failure instanceof Exception exception ? exception : new RuntimeException(failure)).code());
    return cli;
  }

  /** Runs one command line with its output and errors going to the given writers; returns the exit code. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = commandLineFor(args);
    cli.setOut(out);
    cli.setErr(err);
    return cli.execute(args);
  }

  public static void main(String[] args) {
    System.exit(commandLineFor(args).execute(args));
  }
}
