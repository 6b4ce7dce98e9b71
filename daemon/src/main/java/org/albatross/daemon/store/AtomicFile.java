package org.albatross.daemon.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The one place that replaces a file atomically: the new content goes to {@code NAME.tmp} in the same directory, is
 * fsync'd, the old file is optionally kept as a backup, the temporary file is renamed over the target and the
 * directory is fsync'd so that the rename itself survives a crash. The new file has the daemon's mode
 * ({@link PrivateFiles}). A reader therefore sees the old content or the
 * new one, never a mix; what a crash can leave behind is described in docs/state.md.
 */
public final class AtomicFile {
    private static final String TEMPORARY_SUFFIX = ".tmp";

    private AtomicFile() {
    }

    /** Replaces {@code target}'s content with {@code content}. */
    public static void write(Path target, byte[] content) throws IOException {
        write(target, content, Optional.empty());
    }

    /**
     * Replaces {@code target}'s content with {@code content}, first renaming the current {@code target}, if any, to
     * {@code backup}. If this fails, {@code target} keeps its previous content.
     */
    public static void write(Path target, byte[] content, Optional<Path> backup) throws IOException {
        stage(target, content, backup).commit();
    }

    /**
     * The first half of {@link #write}: writes {@code content} to {@code NAME.tmp}, not yet forced to disk nor in
     * place, so that what a full or read-only disk refuses is refused now, before the change it records is made.
     * {@link Staged#commit} does the rest. A stage never committed changes nothing: the next one replaces its
     * temporary file, and a start deletes a leftover one ({@link #temporaryFor}).
     */
    public static Staged stage(Path target, byte[] content, Optional<Path> backup) throws IOException {
        Path temporary = temporaryFor(target);
        try (FileChannel channel = createPrivately(temporary)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            undo(() -> Files.deleteIfExists(temporary), e);
            throw failure(target, "writing " + temporary, e);
        }
        return new Staged(target, temporary, backup);
    }

    /** A new content written beside its target by {@link #stage}, waiting to replace it. */
    public static final class Staged {
        private final Path target;
        private final Path temporary;
        private final Optional<Path> backup;

        private Staged(Path target, Path temporary, Optional<Path> backup) {
            this.target = target;
            this.temporary = temporary;
            this.backup = backup;
        }

        /**
         * Forces the new content to disk and renames it over the target (the old one to the backup first), the
         * directory forced too: when this returns the new content survives a crash. If it fails, the target keeps its
         * previous content.
         */
        public void commit() throws IOException {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            } catch (IOException e) {
                undo(() -> Files.deleteIfExists(temporary), e);
                throw failure(target, "forcing " + temporary + " to disk", e);
            }
            boolean backedUp = false;
            try {
                if (backup.isPresent() && Files.exists(target)) {
                    Files.move(target, backup.get(), StandardCopyOption.ATOMIC_MOVE);
                    backedUp = true;
                }
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (backedUp) {
                    undo(() -> Files.move(backup.get(), target, StandardCopyOption.ATOMIC_MOVE), e);
                }
                undo(() -> Files.deleteIfExists(temporary), e);
                throw failure(target, "renaming " + temporary + " to it", e);
            }
            syncDirectory(target.toAbsolutePath().getParent());
        }
    }

    /** Replaces {@code target}'s content with a copy of {@code source}'s, which may be too large to hold in memory. */
    public static void copy(Path source, Path target) throws IOException {
        Path temporary = temporaryFor(target);
        try (FileChannel from = FileChannel.open(source, StandardOpenOption.READ);
                FileChannel to = createPrivately(temporary)) {
            for (long at = 0, size = from.size(); at < size; ) {
                at += from.transferTo(at, size - at, to);
            }
            to.force(true);
        } catch (IOException e) {
            undo(() -> Files.deleteIfExists(temporary), e);
            throw failure(target, "copying " + source + " to " + temporary, e);
        }
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            undo(() -> Files.deleteIfExists(temporary), e);
            throw failure(target, "renaming " + temporary + " to it", e);
        }
        syncDirectory(target.toAbsolutePath().getParent());
    }

    /** Where {@link #write} stages the new content of {@code target}: a leftover one is an unfinished write. */
    public static Path temporaryFor(Path target) {
        return target.resolveSibling(target.getFileName() + TEMPORARY_SUFFIX);
    }

    /** Makes the directory entries of {@code directory} (creations, renames, deletions) durable. */
    public static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /**
     * A new {@code file} with the daemon's mode ({@link PrivateFiles}), whatever mode a leftover one had. Created at
     * once, as the file is normally absent (the last commit renamed it away): on Java 17 a delete of an absent file
     * costs a stat and an exception thrown from native code, twice per create and exit.
     */
    private static FileChannel createPrivately(Path file) throws IOException {
        try {
            return PrivateFiles.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException leftover) {
            Files.delete(file);
            return PrivateFiles.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
    }

    /** A step that cleans up after a failed write; its own failure is kept with the one that caused it. */
    private interface Undo {
        void run() throws IOException;
    }

    private static void undo(Undo step, IOException cause) {
        try {
            step.run();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    private static IOException failure(Path target, String step, IOException cause) {
        return new IOException("cannot replace " + target + " (" + step + " failed: " + reason(cause) + "); "
                + target + " keeps its previous content", cause);
    }

    private static String reason(IOException cause) {
        if (cause instanceof AccessDeniedException) {
            return "permission denied, or the file system is read-only";
        }
        if (cause instanceof NoSuchFileException) {
            return "no such file or directory: " + cause.getMessage();
        }
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }
}
