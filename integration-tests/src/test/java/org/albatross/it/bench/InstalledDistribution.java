package org.albatross.it.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.albatross.it.DaemonFiles;
import org.albatross.it.DaemonProcess;

/**
 * The tarball {@code mvn package} makes, unpacked into a scratch directory: the daemon exactly as it is shipped, run
 * through its launcher with its {@code conf/albatrossd.jvm.options} and the class-data archive the launcher keeps.
 */
record InstalledDistribution(Path home) {
    private static final Duration UNPACK_WITHIN = Duration.ofMinutes(2);

    /** Unpacks {@code tarball} under {@code directory}. */
    static InstalledDistribution unpack(Path tarball, Path directory) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        Process tar = new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", directory.toString())
                .redirectErrorStream(true).start();
        if (!tar.waitFor(UNPACK_WITHIN.toMillis(), TimeUnit.MILLISECONDS) || tar.exitValue() != 0) {
            throw new IOException("tar -xzf " + tarball + " failed: " + new String(tar.getInputStream().readAllBytes()));
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return new InstalledDistribution(entries.filter(Files::isDirectory).findFirst()
                    .orElseThrow(() -> new IOException(tarball + " holds no directory")));
        }
    }

    /** The JVM options the launcher reads: conf/albatrossd.jvm.options without its comments. */
    List<String> jvmOptions() throws IOException {
        return Files.readAllLines(home.resolve("conf/albatrossd.jvm.options")).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.replace("ALBATROSS_HOME", home.toString())).toList();
    }

    /** The daemon through bin/albatrossd, {@code javaOptions} in JAVA_OPTS; waits until it accepts connections. */
    DaemonProcess start(DaemonFiles files, String javaOptions, String... extraArguments) throws IOException {
        return DaemonProcess.startInstalled(files, home, Map.of("JAVA_OPTS", javaOptions), extraArguments);
    }

    /** The launcher's class-data archive, once a daemon started with these JAVA_OPTS has stopped. */
    Optional<Path> classArchive() throws IOException {
        try (Stream<Path> files = Files.list(home.resolve("lib"))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jsa")).findFirst();
        }
    }

    /**
     * Starts the daemon once with {@code javaOptions} and stops it, so that the launcher's class-data archive for
     * these options is written (as by an operator's first start and stop).
     */
    void makeClassArchive(DaemonFiles files, String javaOptions) throws IOException {
        try (DaemonProcess daemon = start(files, javaOptions)) {
            int exit = daemon.terminate();
            if (exit != 0) {
                throw new IllegalStateException("the run writing the class-data archive exited with " + exit + "\n"
                        + daemon.log());
            }
        }
    }
}
