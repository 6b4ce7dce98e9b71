package org.albatross.daemon;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.albatross.config.ConfigError;
import org.albatross.config.ConfigLoader;
import org.albatross.config.DaemonConfig;
import org.albatross.daemon.state.SavedState;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * {@code albatrossd}: reads the configuration, starts the daemon and serves until SIGTERM or SIGINT, then shuts
 * down as configured and exits 0. A configuration problem is one message on standard error and exit code 2.
 */
@Command(name = "albatrossd", mixinStandardHelpOptions = true, version = "albatrossd 0.1.0",
        description = "Runs unikernels for several tenants; driven by albatross-client over a Unix socket.")
public final class Albatrossd implements Callable<Integer> {
    /** Exit code for an unusable configuration or command line. */
    static final int CONFIGURATION_ERROR = 2;
    /** Exit code when the daemon cannot start with a valid configuration (socket, directories). */
    static final int START_FAILED = 1;

    @Option(names = "--config", paramLabel = "FILE", description = "The TOML configuration file.")
    private Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Sets a configuration key (repeatable).")
    private List<String> assignments = new ArrayList<>();

    @Option(names = "--dbdir", paramLabel = "DIR", description = "Same as --set dbdir=DIR.")
    private String dbdir;

    @Option(names = "--tmpdir", paramLabel = "DIR", description = "Same as --set tmpdir=DIR.")
    private String tmpdir;

    @Option(names = "--socket", paramLabel = "PATH", description = "Same as --set socket.path=PATH.")
    private String socket;

    @Option(names = "--start-over-damaged-state", description = "When the saved state is damaged, start from what "
            + "is left (its backup, or nothing) instead of refusing to start.")
    private boolean startOverDamagedState;

    @Option(names = "--print-config", description = "Prints the effective configuration as TOML and exits.")
    private boolean printConfig;

    private final Map<String, String> environment;
    private final PrintWriter out;
    private final PrintWriter err;

    Albatrossd(Map<String, String> environment, PrintWriter out, PrintWriter err) {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(commandLine(new Albatrossd(System.getenv(), out, err), out, err).execute(args));
    }

    static CommandLine commandLine(Albatrossd albatrossd, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(albatrossd).setOut(out).setErr(err);
        commandLine.setParameterExceptionHandler((problem, args) -> {
            err.println("albatrossd: " + problem.getMessage() + " (see albatrossd --help)");
            return CONFIGURATION_ERROR;
        });
        return commandLine;
    }

    @Override
    public Integer call() {
        DaemonConfig effective;
        try {
            Map<String, String> overrides = ConfigLoader.parseAssignments(assignments);
            Optional.ofNullable(dbdir).ifPresent(value -> overrides.put("dbdir", value));
            Optional.ofNullable(tmpdir).ifPresent(value -> overrides.put("tmpdir", value));
            Optional.ofNullable(socket).ifPresent(value -> overrides.put("socket.path", value));
            effective = ConfigLoader.load(Optional.ofNullable(config), environment, overrides);
        } catch (ConfigError e) {
            err.println(e.getMessage());
            return CONFIGURATION_ERROR;
        }
        if (printConfig) {
            out.print(effective.printEffective());
            out.flush();
            return 0;
        }
        DaemonLogging.apply(effective.log());
        return serve(effective);
    }

    private int serve(DaemonConfig effective) {
        Daemon daemon;
        try {
            daemon = Daemon.start(effective, startOverDamagedState);
        } catch (IOException e) {
            err.println("albatrossd: cannot start: " + e.getMessage());
            return START_FAILED;
        } catch (SavedState.StateRefused e) {
            err.println("albatrossd: refusing to start: " + e.getMessage());
            return START_FAILED;
        }
        try {
            Signal.handle(new Signal("HUP"), signal -> daemon.hangUp());
            awaitStopSignal();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            daemon.close();
        }
        return 0;
    }

    /** Waits for SIGTERM or SIGINT, handled here: the JVM's default ends the process with 143 before an orderly
     * shutdown could finish. */
    private static void awaitStopSignal() throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), signal -> stop.countDown());
        Signal.handle(new Signal("INT"), signal -> stop.countDown());
        stop.await();
    }
}
