package org.albatross.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * The real albatrossd as a separate JVM, run from this JVM's class path over a {@link DaemonFiles} directory.
 * Output goes to the files' log. Whatever happens to the test, the daemon and the VMM processes it started are
 * killed: by {@link #close()}, or by the orphan reaper the files are watched by if this JVM ends first.
 */
public final class DaemonProcess implements AutoCloseable {
    /**
     * A daemon per test class on a 2-core machine: C1 only and the serial collector make it ready sooner; sun.nio.fs
     * opened as bin/albatrossd does, so that console FIFOs are made without a process; the daemon's own Logback binding
     * named as the logging provider, as bin/albatrossd names it: the test class path holds the client's no-op provider
     * too, and SLF4J would otherwise print its warning about two providers before the daemon's first line.
     */
    public static final List<String> TEST_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "--add-opens", "java.base/sun.nio.fs=ALL-UNNAMED",
            "-Dslf4j.provider=org.albatross.daemon.DaemonLogProvider", "-Dslf4j.internal.verbosity=WARN");
    private static final String MAIN_CLASS = "org.albatross.daemon.Albatrossd";
    /** A JVM start, or a stop of every unikernel, on a machine loaded to 20: tens of seconds. */
    private static final Duration READY_WITHIN = Duration.ofMinutes(2);
    private static final Duration EXIT_WITHIN = Duration.ofMinutes(2);
    private static final Duration TEST_POLL = Duration.ofMillis(50);
    /** Fine against the ≈ 0.3 s a cold start takes: the poll adds at most this much to a sample. */
    public static final Duration BENCH_POLL = Duration.ofMillis(2);

    private final DaemonFiles files;
    private final Process process;

    private DaemonProcess(DaemonFiles files, Process process) {
        this.files = files;
        this.process = process;
    }

    /** Starts the daemon without waiting for it (for tests of how it refuses to start). */
    static DaemonProcess launch(DaemonFiles files, String... extraArguments) throws IOException {
        return launch(files, TEST_JVM_OPTIONS, System.getProperty("java.class.path"), extraArguments);
    }

    /** Starts the daemon in a JVM with these options and class path, without waiting for it. */
    public static DaemonProcess launch(DaemonFiles files, List<String> jvmOptions, String classPath,
            String... extraArguments) throws IOException {
        return launch(files, List.of(), jvmOptions, classPath, extraArguments);
    }

    /**
     * As {@link #launch(DaemonFiles, List, String, String...)}, the JVM run by {@code prefix} (a command that execs
     * the rest of its arguments, e.g. {@code nsenter} into a mount namespace), so that the process is the JVM.
     */
    static DaemonProcess launch(DaemonFiles files, List<String> prefix, List<String> jvmOptions, String classPath,
            String... extraArguments) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.add(javaLauncher());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, MAIN_CLASS));
        return launch(files, command, Map.of(), extraArguments);
    }

    /**
     * Starts the daemon as an operator does, through the launcher {@code bin/albatrossd} of an unpacked distribution
     * (with this JVM's Java as its {@code JAVA_HOME}, and {@code environment} on top), without waiting for it. The
     * launcher execs the JVM, so the process is the daemon's JVM.
     */
    public static DaemonProcess launchInstalled(DaemonFiles files, Path home, Map<String, String> environment,
            String... extraArguments) throws IOException {
        Map<String, String> withJava = new HashMap<>(Map.of("JAVA_HOME", System.getProperty("java.home")));
        withJava.putAll(environment);
        return launch(files, List.of(home.resolve("bin/albatrossd").toString()), withJava, extraArguments);
    }

    private static DaemonProcess launch(DaemonFiles files, List<String> command, Map<String, String> environment,
            String... extraArguments) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("--config", files.config().toString()));
        arguments.addAll(List.of(extraArguments));
        Files.writeString(files.log(), "--- albatrossd " + String.join(" ", arguments) + "\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        List<String> full = new ArrayList<>(command);
        full.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(full)
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(files.log().toFile()));
        builder.environment().putAll(environment);
        return new DaemonProcess(files, builder.start());
    }

    /** As {@link #launchInstalled}, and waits until its socket accepts connections. */
    public static DaemonProcess startInstalled(DaemonFiles files, Path home, Map<String, String> environment,
            String... extraArguments) throws IOException {
        return awaitingReady(launchInstalled(files, home, environment, extraArguments));
    }

    /** Starts the daemon and waits until its socket accepts connections. */
    static DaemonProcess start(DaemonFiles files, String... extraArguments) throws IOException {
        return start(files, TEST_JVM_OPTIONS, System.getProperty("java.class.path"), extraArguments);
    }

    /** Starts the daemon in a JVM with these options and class path; waits until its socket accepts connections. */
    public static DaemonProcess start(DaemonFiles files, List<String> jvmOptions, String classPath,
            String... extraArguments) throws IOException {
        return start(files, List.of(), jvmOptions, classPath, extraArguments);
    }

    /** As {@link #start(DaemonFiles, List, String, String...)}, the JVM run by {@code prefix}. */
    static DaemonProcess start(DaemonFiles files, List<String> prefix, List<String> jvmOptions, String classPath,
            String... extraArguments) throws IOException {
        return awaitingReady(launch(files, prefix, jvmOptions, classPath, extraArguments));
    }

    private static DaemonProcess awaitingReady(DaemonProcess daemon) {
        try {
            daemon.awaitReady(TEST_POLL);
            return daemon;
        } catch (RuntimeException | Error e) {
            daemon.close();
            throw e;
        }
    }

    /**
     * Waits until the socket accepts connections, trying from now on every {@code poll}: a benchmark's poll is fine
     * ({@link #BENCH_POLL}), as it adds up to that much to each sample; a test's is coarse, to leave the CPU to the
     * daemon on a loaded machine.
     */
    public void awaitReady(Duration poll) {
        try {
            await("albatrossd's socket " + files.socket() + " accepts connections")
                    .atMost(READY_WITHIN)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(poll)
                    .failFast("albatrossd exited before it was ready", () -> !process.isAlive())
                    .until(this::acceptsConnections);
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            throw new AssertionError(e.getMessage() + "\n" + log(), e);
        }
    }

    public boolean acceptsConnections() {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return probe.connect(UnixDomainSocketAddress.of(files.socket()));
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Everything the daemons over these files have written so far. */
    public String log() {
        try {
            return "--- " + files.log() + ":\n" + Files.readString(files.log());
        } catch (IOException e) {
            return "--- " + files.log() + " is unreadable: " + e;
        }
    }

    /** Sends SIGTERM and waits for the daemon to end; returns its exit code. */
    public int terminate() {
        process.destroy();
        return awaitExit();
    }

    /** Waits for the daemon to end on its own (e.g. after refusing its configuration); returns its exit code. */
    int awaitExit() {
        try {
            return process.onExit().get(EXIT_WITHIN.toMillis(), TimeUnit.MILLISECONDS).exitValue();
        } catch (TimeoutException e) {
            throw new AssertionError("albatrossd did not exit within " + EXIT_WITHIN + "\n" + log(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for albatrossd to exit", e);
        }
    }

    /**
     * A crash of the host: SIGKILL to the daemon, then to the spawners and VMMs it had started, as a reboot would end
     * them (the spawners first, so that none records its VMM's end).
     */
    void kill() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        RunFrom.killAll(files.root());
        children.forEach(ProcessHandle::destroyForcibly);
        children.forEach(child -> child.onExit().orTimeout(EXIT_WITHIN.toMillis(), TimeUnit.MILLISECONDS).join());
        awaitExit();
    }

    /** A crash of the daemon alone: SIGKILL to its JVM; the spawner and VMMs it started run on. */
    public void crash() {
        process.destroyForcibly();
        awaitExit();
    }

    /**
     * The VMMs run over these files: children of the spawners (this daemon's, and an earlier one's that waits for its
     * tenders to end), which run detached, no descendants of the daemon, and are found by their command line, which
     * names the run root; a VMM is found by its own command line too, should its spawner be gone.
     */
    public List<ProcessHandle> tenders() {
        List<ProcessHandle> found = RunFrom.processes(files.root()).stream()
                .filter(process -> process.pid() != this.process.pid()).toList();
        Stream<ProcessHandle> children = found.stream().filter(RunFrom::isSpawner).flatMap(ProcessHandle::children);
        return Stream.concat(children, found.stream().filter(process -> !RunFrom.isSpawner(process))).distinct()
                .toList();
    }

    /** The spawners that run over these files: this daemon's, and an earlier one's while its tenders run. */
    public List<ProcessHandle> spawners() {
        return RunFrom.processes(files.root()).stream().filter(RunFrom::isSpawner).toList();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The daemon JVM's process, e.g. to read its memory use or find the VMMs it started. */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private static String javaLauncher() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
