package org.albatross.it.bench;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.albatross.it.DaemonFiles;

/**
 * albatrossd as it ships: the unpacked tarball's {@code bin/albatrossd} (its launcher, its conf/*.jvm.options) over a
 * {@link DaemonFiles} directory. The benchmarks that promise figures "with the shipped launcher" run it.
 */
final class ShippedDaemon implements AutoCloseable {
    private static final Duration READY_WITHIN = Duration.ofSeconds(60);

    private final DaemonFiles files;
    private final Process process;
    private final long startedNanos;

    private ShippedDaemon(DaemonFiles files, Process process, long startedNanos) {
        this.files = files;
        this.process = process;
        this.startedNanos = startedNanos;
    }

    /** The unpacked distribution {@code mvn package} made, as the pom names it. */
    static Path home() {
        String home = System.getProperty("albatross.distribution.home");
        if (home == null) {
            throw new IllegalStateException("no albatross.distribution.home: run through the bench profile, after "
                    + "mvn package");
        }
        return Path.of(home);
    }

    /** Starts it and returns once its socket accepts. */
    static ShippedDaemon start(DaemonFiles files, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(home().resolve("bin/albatrossd").toString(), "--config",
                files.config().toString()));
        command.addAll(List.of(arguments));
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(files.root().resolve("albatrossd.log").toFile())).start();
        ShippedDaemon daemon = new ShippedDaemon(files, process, started);
        await("albatrossd ready on " + files.socket()).atMost(READY_WITHIN).pollInterval(Duration.ofMillis(2))
                .failFast("albatrossd exited", () -> !process.isAlive()).until(daemon::accepts);
        return daemon;
    }

    /** From the launcher's start to the socket accepting, as {@link #start} saw it return. */
    long readyAfterNanos(long readyAt) {
        return readyAt - startedNanos;
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** SIGKILL, as a crash: the tenders run on under their monitors. */
    void crash() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    boolean accepts() {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return probe.connect(UnixDomainSocketAddress.of(files.socket()));
        } catch (IOException notYet) {
            return false;
        }
    }

    /** SIGTERM and wait: with the files' {@code shutdown = "stop"} it stops every unikernel first. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
