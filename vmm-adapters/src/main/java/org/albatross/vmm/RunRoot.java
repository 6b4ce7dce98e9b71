package org.albatross.vmm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Objects;

/**
 * The directory that holds every unikernel's {@link RunDirectory} (tmpdir/run) and the monitor script they share,
 * written once when the daemon starts rather than once per launch. The script is replaced by a rename, so a monitor
 * an earlier daemon started keeps reading the version it started with.
 */
public final class RunRoot {
    private static final String MONITOR_SCRIPT = "monitor.sh";

    private final Path path;

    private RunRoot(Path path) {
        this.path = path;
    }

    /** The run root at {@code path}, made if missing, with the current monitor script in it. */
    public static RunRoot open(Path path) throws IOException {
        Files.createDirectories(path);
        byte[] script;
        try (InputStream in = RunRoot.class.getResourceAsStream(MONITOR_SCRIPT)) {
            script = Objects.requireNonNull(in, MONITOR_SCRIPT).readAllBytes();
        }
        Path installed = path.resolve(MONITOR_SCRIPT);
        if (!Files.exists(installed) || !Arrays.equals(Files.readAllBytes(installed), script)) {
            Path staged = path.resolve(MONITOR_SCRIPT + ".tmp");
            Files.write(staged, script);
            Files.move(staged, installed, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return new RunRoot(path);
    }

    public Path path() {
        return path;
    }

    /** The run directory named {@code name} (a file name, e.g. a unikernel's name on disk). */
    public RunDirectory directory(String name) {
        return new RunDirectory(path.resolve(name), path.resolve(MONITOR_SCRIPT));
    }
}
