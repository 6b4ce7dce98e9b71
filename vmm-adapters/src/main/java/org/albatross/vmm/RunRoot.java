package org.albatross.vmm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The directory that holds every unikernel's {@link RunDirectory} (tmpdir/run), and the {@link MonitorSpawner} they
 * share. The spawner is a program of the distribution's own, {@code libexec/albatross-spawner}, named by the system
 * property {@value #SPAWNER_PROPERTY}, which bin/albatrossd sets: tmpdir is usually on a mount that may not execute
 * programs (/run). A daemon run without it (from the build's classes or jars, as the tests do) runs the copy of this
 * module's resource it writes here, once, replaced by a rename so that a spawner an earlier daemon started keeps
 * running the version it started with.
 */
public final class RunRoot implements AutoCloseable {
    static final String SPAWNER_PROPERTY = "albatross.spawner";
    private static final String SPAWNER = "albatross-spawner";

    private final Path path;
    private final MonitorSpawner spawner;

    private RunRoot(Path path, MonitorSpawner spawner) {
        this.path = path;
        this.spawner = spawner;
    }

    /** The run root at {@code path}, made if missing. */
    public static RunRoot open(Path path) throws IOException {
        Files.createDirectories(path);
        String program = System.getProperty(SPAWNER_PROPERTY);
        if (program == null) {
            program = installedSpawner(path).toString();
        }
        // The run root as the spawner's argument, by which the spawner of a run root is known in the process table.
        return new RunRoot(path, new MonitorSpawner(List.of(program, path.toAbsolutePath().toString())));
    }

    private static Path installedSpawner(Path root) throws IOException {
        byte[] program;
        try (InputStream in = RunRoot.class.getResourceAsStream(SPAWNER)) {
            program = Objects.requireNonNull(in, SPAWNER).readAllBytes();
        }
        Path installed = root.resolve(SPAWNER);
        if (!Files.exists(installed) || !Arrays.equals(Files.readAllBytes(installed), program)) {
            Path staged = root.resolve(SPAWNER + ".tmp");
            Files.write(staged, program);
            Files.setPosixFilePermissions(staged, PosixFilePermissions.fromString("rwx------"));
            Files.move(staged, installed, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return installed;
    }

    public Path path() {
        return path;
    }

    /** The run directory named {@code name} (a file name, e.g. a unikernel's name on disk). */
    public RunDirectory directory(String name) {
        return new RunDirectory(path.resolve(name), spawner);
    }

    /** The names of the run directories here (every unikernel an earlier daemon ran and did not clean up after). */
    public List<String> directoryNames() throws IOException {
        try (java.util.stream.Stream<Path> entries = Files.list(path)) {
            return entries.filter(Files::isDirectory).map(entry -> entry.getFileName().toString()).sorted().toList();
        }
    }

    /** Lets the spawner go; the tenders it started go on, and it with them until they end. */
    @Override
    public void close() {
        spawner.close();
    }
}
