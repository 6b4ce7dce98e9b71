package org.albatross.client;

import org.albatross.client.cli.PicocliCommandLine;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * picocli's command line of the client, for what the client's own parser leaves to it: the usage of the program and
 * of each subcommand ({@code --help}, {@code help CMD}), {@code --version}, {@code generate-completion}, and a usage
 * error in one line with albatross's exit code.
 */
public final class ClientCommandLine {
    /**
     * The value types whose converters picocli need not register: it registers converters for java.sql's and
     * java.time's types by reflection for every command line it builds, which loads and initialises about 120 classes
     * (java.time's formatters first of all). No option here has such a type but {@link java.time.Instant}
     * ({@code console --since}), whose converter stays (AlbatrossClientTest checks).
     */
    static final String UNUSED_VALUE_TYPES = "java\\.sql\\..*,java\\.time\\.(?!Instant$).*";

    private ClientCommandLine() {
    }

    /**
     * The command line with every subcommand, {@code help CMD} and {@code generate-completion}: each subcommand's
     * version, short synopses (the options follow in the usage anyway), values of {@code --image-via} in any case,
     * one-line errors and albatross's exit codes.
     */
    public static CommandLine of() {
        System.setProperty("picocli.converters.excludes", UNUSED_VALUE_TYPES);
        CommandLine cli = PicocliCommandLine.of(AlbatrossClient.PROGRAM);
        cli.getCommandSpec().versionProvider(new ClientVersion());
        cli.addSubcommand("generate-completion", new AutoComplete.GenerateCompletion());
        cli.addSubcommand(new CommandLine.HelpCommand());
        // applied after the subcommands are added, as picocli applies some settings only to the subcommands it has
        for (CommandLine subcommand : cli.getSubcommands().values()) {
            CommandLine.Model.CommandSpec spec = subcommand.getCommandSpec();
            if (spec.versionProvider() == null) {
                spec.versionProvider(new ClientVersion());
            }
            spec.usageMessage().abbreviateSynopsis(true);
        }
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler(new UsageError());
        cli.setExecutionExceptionHandler((failure, command, parsed) -> FailureReporter.report(failure,
                command.getErr(), parsed.originalArgs()));
        cli.setExitCodeExceptionMapper(failure -> FailureReporter.statusOf(
                failure instanceof Exception exception ? exception : new RuntimeException(failure)).code());
        return cli;
    }
}
