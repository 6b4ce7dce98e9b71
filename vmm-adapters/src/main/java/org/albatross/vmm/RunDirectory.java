package org.albatross.vmm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * A unikernel's run directory under the run root (tmpdir/run/NAME), and the one owner of the files in it and their
 * formats: the console FIFO the daemon makes, the {@code tender} command line it gives the spawner, the tender's
 * {@code pid} and its {@code exit} status the monitor writes, and the daemon's {@link MonitorRecord}. The image is not
 * here: the tender runs it from the image store.
 *
 * <p>Nothing here is fsync'd: these files tell a daemon that restarts about tenders that outlived the previous
 * one, and a host that crashes takes the tenders with it. A daemon that crashes leaves them in the page cache.
 */
public final class RunDirectory {
    private static final String CONSOLE = "console";
    private static final String PID = "pid";
    private static final String EXIT = "exit";
    private static final String RECORD = "monitor";
    private static final String STAGED_RECORD = RECORD + ".tmp";
    private static final String TENDER = MonitorSpawner.TENDER_FILE;
    /** Where the spawner writes the exit file before it renames it into place. */
    private static final String STAGING = "staging";
    /** Every file this directory may hold, each before the directory holding it: removed by name, no listing. */
    private static final List<String> FILES = List.of(CONSOLE, TENDER, PID, EXIT, RECORD, STAGED_RECORD,
            STAGING + "/" + EXIT, STAGING);

    private final Path path;
    private final MonitorSpawner spawner;

    RunDirectory(Path path, MonitorSpawner spawner) {
        this.path = Objects.requireNonNull(path, "path");
        this.spawner = Objects.requireNonNull(spawner, "spawner");
    }

    public Path path() {
        return path;
    }

    /** The console FIFO; the tender writes to it, and holds it open read-write (never SIGPIPE while none reads). */
    public Path console() {
        return path.resolve(CONSOLE);
    }

    Path pidFile() {
        return path.resolve(PID);
    }

    Path exitFile() {
        return path.resolve(EXIT);
    }

    /**
     * Starts the plan's command by the run root's spawner, pinned to the plan's CPUs, its console this
     * directory's FIFO; its pid, and its exit as the spawner tells it.
     */
    MonitorSpawner.Spawned startTender(LaunchPlan plan) throws IOException {
        return spawner.spawn(this, plan.command(), plan.environment(), plan.cpus());
    }

    /**
     * Makes the directory afresh with an empty console FIFO and the spawner's staging directory, removing what an
     * earlier run that nobody adopted left (a FIFO that still held its console would mix it into the new one). The
     * staging directory is made here, ahead of the launch, not by the spawner between the request and the spawn.
     */
    public void prepare(HostCommand host) throws IOException {
        remove();
        Files.createDirectories(path);
        Files.createDirectory(path.resolve(STAGING));
        Fifo.make(console(), host);
    }

    /** The tender's pid as its spawner wrote it, once the whole line is there. */
    public OptionalLong tenderPid() throws IOException {
        return wholeLine(pidFile()).map(line -> OptionalLong.of(Long.parseLong(line))).orElse(OptionalLong.empty());
    }

    /**
     * The tender's status as its spawner wrote it ({@code wait}'s: the exit code, or 128 + the signal), once the whole
     * line is there: the spawner renames a whole file into place, but a tender an earlier version's shell monitor
     * started has its file created, then written, so a reader woken by the creation may find it empty for an instant;
     * a monitor killed in between leaves it empty for good.
     *
     * @throws IOException when the file holds something else than a status
     */
    public OptionalInt exitStatus() throws IOException {
        Optional<String> line = wholeLine(exitFile());
        try {
            return line.map(status -> OptionalInt.of(Integer.parseInt(status))).orElse(OptionalInt.empty());
        } catch (NumberFormatException damaged) {
            throw new IOException("the exit file " + exitFile() + " holds no status: " + line.get(), damaged);
        }
    }

    /** The monitor record, if there is one that reads; a damaged one counts as none. */
    public Optional<MonitorRecord> record() throws IOException {
        Optional<String> text = ShortFile.read(path.resolve(RECORD), StandardCharsets.UTF_8);
        try {
            return text.map(MonitorRecord::parse);
        } catch (RuntimeException damaged) {
            return Optional.empty();
        }
    }

    /** Writes the monitor record: a reader sees none or the whole of it, never a part (a rename, no fsync). */
    public void record(MonitorRecord record) throws IOException {
        Path staged = path.resolve(STAGED_RECORD);
        Files.writeString(staged, record.format(), StandardCharsets.UTF_8);
        Files.move(staged, path.resolve(RECORD), StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Removes the directory and everything in it; an absent one is fine. Its own files go by name, with no listing;
     * a directory that holds anything else (an earlier version's files) is walked. A tender's spawner may write its
     * exit file while this runs (a stray tender just killed): the directory is then walked again.
     */
    public void remove() throws IOException {
        if (!Files.exists(path) || removedByName()) {
            return;
        }
        for (int walk = 1; Files.exists(path); walk++) {
            try {
                for (Path file : deepestFirst(path)) {
                    Files.deleteIfExists(file);
                }
            } catch (DirectoryNotEmptyException | NoSuchFileException written) {
                if (walk == 3) {
                    throw written;
                }
            }
        }
    }

    /** Removes the directory's own files and then it; false when it holds something else, or is being written. */
    private boolean removedByName() throws IOException {
        try {
            for (String file : FILES) {
                Files.deleteIfExists(path.resolve(file));
            }
            Files.deleteIfExists(path);
            return true;
        } catch (DirectoryNotEmptyException | NoSuchFileException notOnlyOurs) {
            return false;
        }
    }

    /** Every file under {@code directory}, each before the directory holding it. */
    private static List<Path> deepestFirst(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.sorted(Comparator.reverseOrder()).toList();
        } catch (UncheckedIOException walking) {
            // A file gone between its directory's listing and its visit: the walk's stream wraps the checked one.
            throw walking.getCause();
        }
    }

    /** The file's first line when it ends in a newline; empty when the file is absent or not yet written whole. */
    private static Optional<String> wholeLine(Path file) throws IOException {
        return ShortFile.read(file, StandardCharsets.US_ASCII).flatMap(text -> {
            int end = text.indexOf('\n');
            return end < 0 ? Optional.empty() : Optional.of(text.substring(0, end).strip());
        });
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
