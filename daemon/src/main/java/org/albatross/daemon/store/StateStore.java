package org.albatross.daemon.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's persisted state (unikernels and policies, serialised by the caller) in {@code dbdir/state}, with the
 * previous version kept as {@code dbdir/state.bak}. Every save is atomic ({@link AtomicFile}) and every load checks
 * the file's integrity ({@link StateFile}). The recovery rules are in docs/state.md:
 * <ul>
 * <li>{@code state} intact: it is the state.</li>
 * <li>{@code state} damaged: it is moved to {@code state.corrupt-TIMESTAMP} and {@link CorruptState} stops the
 * daemon; the operator decides (the message says how).</li>
 * <li>{@code state} absent, {@code state.bak} intact: a save crashed between its two renames, so {@code state.bak}
 * is the last state a save acknowledged; it is restored as {@code state} and loaded, with a warning.</li>
 * <li>both absent: a first start, no state.</li>
 * </ul>
 * A leftover {@code state.tmp} is an unacknowledged save and is deleted.
 */
public final class StateStore {
    private static final Logger LOG = LoggerFactory.getLogger(StateStore.class);
    private final Path state;
    private final Path backup;
    private final Clock clock;

    private StateStore(Path dbdir, Clock clock) {
        this.state = dbdir.resolve("state");
        this.backup = dbdir.resolve("state.bak");
        this.clock = clock;
    }

    /** The store in {@code dbdir}, which is created if missing ({@link PrivateFiles#directory}). */
    public static StateStore open(Path dbdir) throws IOException {
        return open(dbdir, Clock.systemUTC());
    }

    /** As {@link #open(Path)}, naming moved-aside files after {@code clock}'s time. */
    static StateStore open(Path dbdir, Clock clock) throws IOException {
        PrivateFiles.directory(dbdir);
        return new StateStore(dbdir, Objects.requireNonNull(clock, "clock"));
    }

    /** The file that holds the current state. */
    public Path path() {
        return state;
    }

    /**
     * The last saved state, or empty if none was ever saved. The file is checked in pieces and not read: a state of an
     * earlier format may hold every image.
     *
     * @throws CorruptState if the state file (or, with no state file, its backup) fails its integrity check
     * @throws IOException  if the files cannot be read
     */
    public synchronized Optional<StoredState> load() throws CorruptState, IOException {
        Path temporary = AtomicFile.temporaryFor(state);
        if (Files.deleteIfExists(temporary)) {
            LOG.info("deleted {}: a save that did not complete before the daemon stopped", temporary);
        }
        Optional<StateFile.Contents> current = check(state);
        if (current.isPresent()) {
            if (current.get() instanceof StateFile.Intact intact) {
                return Optional.of(new StoredState(state, intact));
            }
            throw moveAside(state, ((StateFile.Damaged) current.get()).problem(), describeBackup());
        }
        Optional<StateFile.Contents> previous = check(backup);
        if (previous.isEmpty()) {
            return Optional.empty();
        }
        if (previous.get() instanceof StateFile.Damaged damaged) {
            throw moveAside(backup, damaged.problem(), "There is no " + state + " either: starting the daemon again "
                    + "starts it without unikernels and policies.");
        }
        LOG.warn("{} is missing but {} is intact: restoring it as {} (a save stopped between its two renames, so it "
                + "holds the last acknowledged state, or a damaged state file was moved aside)", state, backup, state);
        AtomicFile.copy(backup, state);
        return Optional.of(new StoredState(state, (StateFile.Intact) previous.get()));
    }

    /**
     * Replaces the state with {@code serialised}, durably: when this returns the new state survives a crash, and if
     * it throws the previous state is intact and the message says what went wrong (e.g. a full or read-only disk).
     */
    public synchronized void save(byte[] serialised) throws IOException {
        stage(serialised).commit();
    }

    /**
     * The first half of {@link #save}: {@code serialised} written beside the state, refused now by a disk that cannot
     * take it; {@link AtomicFile.Staged#commit} makes it the state, durably.
     */
    public synchronized AtomicFile.Staged stage(byte[] serialised) throws IOException {
        return AtomicFile.stage(state, StateFile.wrap(serialised), Optional.of(backup));
    }

    private static Optional<StateFile.Contents> check(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return Optional.of(StateFile.check(StateFile.Source.of(channel)));
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        }
    }

    private String describeBackup() throws IOException {
        Optional<StateFile.Contents> previous = check(backup);
        if (previous.isEmpty()) {
            return "There is no " + backup + ": to start without unikernels and policies, start the daemon again.";
        }
        if (previous.get() instanceof StateFile.Damaged damaged) {
            return backup + " is damaged too (" + damaged.problem() + "): to start without unikernels and policies, "
                    + "move it away and start the daemon again.";
        }
        return backup + " is intact and holds the state before the last change: starting the daemon again restores "
                + "it; to start without unikernels and policies instead, move " + backup + " away first.";
    }

    private CorruptState moveAside(Path damagedFile, String problem, String howToProceed) throws IOException {
        Path aside = AsideName.beside(damagedFile, "corrupt", clock.instant());
        Files.move(damagedFile, aside, StandardCopyOption.ATOMIC_MOVE);
        AtomicFile.syncDirectory(state.getParent());
        String message = "the state file " + damagedFile + " failed its integrity check: " + problem
                + ". It was moved to " + aside + " for inspection. " + howToProceed;
        LOG.error(message);
        return new CorruptState(message, aside, problem);
    }

}
