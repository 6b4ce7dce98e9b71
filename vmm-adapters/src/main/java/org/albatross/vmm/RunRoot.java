package org.albatross.vmm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The directory that holds every unikernel's {@link RunDirectory} (tmpdir/run) and the monitor script they share,
 * written once when the daemon starts rather than once per launch. The script is replaced by a rename, so a monitor
 * an earlier daemon started keeps reading the version it started with. The programs that start a monitor
 * ({@code setsid}, {@code sh}) are looked up on PATH once here, not by every launch.
 */
public final class RunRoot {
    private static final String MONITOR_SCRIPT = "monitor.sh";

    private final Path path;
    private final List<String> monitor;

    private RunRoot(Path path, List<String> monitor) {
        this.path = path;
        this.monitor = List.copyOf(monitor);
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
        List<Path> searchPath = TenderLocator.directories(System.getenv().getOrDefault("PATH", ""));
        return new RunRoot(path, List.of(onPath("setsid", searchPath), onPath("sh", searchPath),
                installed.toString()));
    }

    /** The program's path on PATH; the bare name when it is not there (the start then says it is missing). */
    private static String onPath(String program, List<Path> searchPath) {
        return searchPath.stream().map(directory -> directory.resolve(program)).filter(Files::isExecutable)
                .findFirst().map(Path::toString).orElse(program);
    }

    public Path path() {
        return path;
    }

    /** The run directory named {@code name} (a file name, e.g. a unikernel's name on disk). */
    public RunDirectory directory(String name) {
        return new RunDirectory(path.resolve(name), monitor);
    }
}
