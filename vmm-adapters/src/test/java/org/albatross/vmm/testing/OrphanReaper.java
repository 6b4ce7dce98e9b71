package org.albatross.vmm.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Ends what a test started once the test's JVM has ended, however it ended: also when it was SIGKILLed (a timeout
 * killing Maven), when no shutdown hook runs. Tenders run under monitors the daemon detached ({@code setsid}), and
 * scripts and daemons a test starts in sessions of their own; nothing else would end them, and a QEMU left behind
 * takes a core from the next run.
 *
 * <p>A test names the directories its processes run from ({@link #watch}): every process whose command line names a
 * file under one of them is the test's. At the first watch this JVM starts {@code orphan-reaper.sh}, a small
 * {@code sh} loop in a session of its own that polls this JVM's pid every second; once the JVM is gone it SIGKILLs
 * those processes (with the process groups of those in sessions of their own) and removes the watched containers,
 * and says so in {@code albatross-orphan-reaper.log} in the temporary directory. At an orderly end the tests have
 * stopped everything already and it finds nothing.
 */
public final class OrphanReaper {
    private static final String SCRIPT = "orphan-reaper.sh";
    private static final Path LOG = Path.of(System.getProperty("java.io.tmpdir"), "albatross-orphan-reaper.log");
    private static Path home;

    private OrphanReaper() {
    }

    /** Makes every process that names a file under {@code directory} end with this JVM; returns the directory. */
    public static synchronized Path watch(Path directory) {
        append("watched", directory.toAbsolutePath().normalize() + "/");
        return directory;
    }

    /** Makes the Docker container {@code id} end with this JVM (Testcontainers' own reaper cannot run here). */
    public static synchronized void watchContainer(String id) {
        append("containers", id);
    }

    private static void append(String list, String line) {
        try {
            Files.writeString(started().resolve(list), line + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot tell the orphan reaper about " + line, e);
        }
    }

    private static Path started() throws IOException {
        if (home == null) {
            Path directory = Files.createTempDirectory("albatross-reaper-");
            Path script = directory.resolve(SCRIPT);
            try (InputStream source = OrphanReaper.class.getResourceAsStream(SCRIPT)) {
                Files.write(script, Objects.requireNonNull(source, SCRIPT).readAllBytes());
            }
            Files.createFile(directory.resolve("watched"));
            new ProcessBuilder("setsid", "sh", script.toString(), Long.toString(ProcessHandle.current().pid()),
                    directory.toString(), LOG.toString())
                    .redirectInput(Redirect.from(new File("/dev/null")))
                    .redirectOutput(Redirect.DISCARD)
                    .redirectError(Redirect.DISCARD)
                    .start();
            home = directory;
        }
        return home;
    }
}
