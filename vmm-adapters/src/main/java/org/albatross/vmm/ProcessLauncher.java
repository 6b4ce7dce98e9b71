package org.albatross.vmm;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The one place that starts host processes: tenders through {@link TenderProcess}, short commands through
 * {@link #SYSTEM}. Standard input is /dev/null and standard error joins standard output, so a tender's
 * complaints land on its console.
 */
public final class ProcessLauncher {
    /** Runs host commands directly on this host. */
    public static final HostCommand SYSTEM = ProcessLauncher::runToCompletion;
    private static final String LAUNCH_MECHANISM = "jdk.lang.Process.launchMechanism";
    /** Newer JDKs deprecate {@code VFORK} and warn on every process start (Temurin 25 does; 17 to 21 do not). */
    private static final int VFORK_QUIET_UP_TO = 21;
    /**
     * systemd's socket activation variables (sd_listen_fds(3)), which describe the daemon's own inherited sockets:
     * libsystemd removes them once read so that children do not see them, and Java cannot change its own environment,
     * so every child's goes without them.
     */
    private static final List<String> DAEMON_ONLY = List.of("LISTEN_PID", "LISTEN_PIDFDID", "LISTEN_FDS",
            "LISTEN_FDNAMES");

    static {
        // The host commands a create runs (ip, for each tap) cost as much as a Solo5 launch: vfork+exec costs a third
        // less than posix_spawn through jspawnhelper (which execs twice). It was Linux's default up to JDK 11.
        if (System.getProperty(LAUNCH_MECHANISM) == null && Runtime.version().feature() <= VFORK_QUIET_UP_TO
                && HostPlatform.current() == HostPlatform.LINUX) {
            System.setProperty(LAUNCH_MECHANISM, "VFORK");
        }
    }

    private ProcessLauncher() {
    }

    static Process start(List<String> argv, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = withoutDaemonOnlyVariables(new ProcessBuilder(argv)).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** A long-lived helper that talks through its standard input and output; its errors go to {@code errors}. */
    static Process startWith(List<String> argv, ProcessBuilder.Redirect errors) throws IOException {
        return withoutDaemonOnlyVariables(new ProcessBuilder(argv)).redirectError(errors).start();
    }

    private static ProcessBuilder withoutDaemonOnlyVariables(ProcessBuilder builder) {
        builder.environment().keySet().removeAll(DAEMON_ONLY);
        return builder;
    }

    private static String runToCompletion(List<String> argv) throws HostCommandFailed {
        Process process;
        try {
            process = start(argv, Map.of());
        } catch (IOException e) {
            throw new HostCommandFailed(argv, "could not be started: " + e.getMessage());
        }
        try (InputStream in = process.getInputStream()) {
            String output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = process.waitFor();
            if (status != 0) {
                throw new HostCommandFailed(argv, "exited with " + status + ": " + output.strip());
            }
            return output;
        } catch (IOException e) {
            throw new HostCommandFailed(argv, "could not be read: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostCommandFailed(argv, "was abandoned: the daemon was interrupted while waiting for it");
        } finally {
            process.destroyForcibly();
        }
    }
}
