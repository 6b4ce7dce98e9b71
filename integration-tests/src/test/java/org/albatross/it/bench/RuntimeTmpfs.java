package org.albatross.it.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.albatross.it.DaemonFiles;

/**
 * A directory on a tmpfs for a bench daemon's tmpdir (its socket and run directories), where the shipped configuration
 * puts them: /run/albatross, a tmpfs on any host with systemd. A bench's scratch directory is on the disk, beside the
 * dbdir, and there each create's run files (the monitor record, the tender's command line, its pid and exit files)
 * wait for the journal behind the fsyncs that make the state and the image durable (docs/performance.md, "Session 14
 * (lead)"). Without a tmpfs at /dev/shm the tmpdir stays in the scratch directory, and {@link #where} says so.
 */
final class RuntimeTmpfs implements AutoCloseable {
    private static final Path SHARED_MEMORY = Path.of("/dev/shm");

    private final Optional<Path> directory;

    private RuntimeTmpfs(Optional<Path> directory) {
        this.directory = directory;
    }

    static RuntimeTmpfs create() throws IOException {
        if (!Files.isDirectory(SHARED_MEMORY) || !"tmpfs".equals(Files.getFileStore(SHARED_MEMORY).type())) {
            return new RuntimeTmpfs(Optional.empty());
        }
        return new RuntimeTmpfs(Optional.of(Files.createTempDirectory(SHARED_MEMORY, "albatross-bench-run")));
    }

    /** Gives {@code files}' daemon its tmpdir here, before it starts. */
    DaemonFiles holding(DaemonFiles files) throws IOException {
        return directory.isPresent() ? files.withRuntimeIn(directory.get()) : files;
    }

    /** Where the daemon's runtime files are, for the bench's output. */
    String where() {
        return directory.map(path -> "tmpdir on a tmpfs (" + path + ")")
                .orElse("tmpdir on the scratch directory's file system: no tmpfs at " + SHARED_MEMORY);
    }

    @Override
    public void close() throws IOException {
        if (directory.isPresent()) {
            DaemonBenchmarks.delete(directory.get());
        }
    }
}
