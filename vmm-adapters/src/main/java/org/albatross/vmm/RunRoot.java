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
 * The directory that holds every unikernel's {@link RunDirectory} (tmpdir/run), the monitor spawner script they share
 * ({@code spawner.sh}, written once when the daemon starts, replaced by a rename so that a spawner an earlier daemon
 * started keeps reading the version it started with), and the {@link MonitorSpawner} that runs it. The programs that
 * start the spawner ({@code setsid}, {@code sh}) are looked up on PATH once here.
 */
public final class RunRoot implements AutoCloseable {
    private static final String SPAWNER_SCRIPT = "spawner.sh";

    private final Path path;
    private final MonitorSpawner spawner;

    private RunRoot(Path path, MonitorSpawner spawner) {
        this.path = path;
        this.spawner = spawner;
    }

    /** The run root at {@code path}, made if missing, with the current spawner script in it. */
    public static RunRoot open(Path path) throws IOException {
        Files.createDirectories(path);
        byte[] script;
        try (InputStream in = RunRoot.class.getResourceAsStream(SPAWNER_SCRIPT)) {
            script = Objects.requireNonNull(in, SPAWNER_SCRIPT).readAllBytes();
        }
        Path installed = path.resolve(SPAWNER_SCRIPT);
        if (!Files.exists(installed) || !Arrays.equals(Files.readAllBytes(installed), script)) {
            Path staged = path.resolve(SPAWNER_SCRIPT + ".tmp");
            Files.write(staged, script);
            Files.move(staged, installed, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        List<Path> searchPath = TenderLocator.directories(System.getenv().getOrDefault("PATH", ""));
        return new RunRoot(path, new MonitorSpawner(List.of(onPath("setsid", searchPath), onPath("sh", searchPath),
                installed.toString())));
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
        return new RunDirectory(path.resolve(name), spawner);
    }

    /** The names of the run directories here (every unikernel an earlier daemon ran and did not clean up after). */
    public java.util.List<String> directoryNames() throws IOException {
        try (java.util.stream.Stream<Path> entries = Files.list(path)) {
            return entries.filter(Files::isDirectory).map(entry -> entry.getFileName().toString()).sorted().toList();
        }
    }

    /** Ends the spawner; the monitors it started, and their tenders, go on. */
    @Override
    public void close() {
        spawner.close();
    }
}
