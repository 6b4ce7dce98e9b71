package org.albatross.daemon.consolefiles;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.albatross.console.ConsoleLine;
import org.albatross.daemon.store.PrivateFiles;
import org.albatross.daemon.store.NameOnDisk;
import org.albatross.protocol.Name;

/**
 * The console files under {@code dbdir/consoles}: per unikernel name {@code NAME.log}, where its lines go, and
 * {@code NAME.log.1}, the one before it (NAME as {@link NameOnDisk} writes it). Both are the daemon's alone.
 */
record ConsoleDirectory(Path directory) {
    private static final String CURRENT = ".log";
    private static final String PREVIOUS = ".log.1";

    /** {@code dbdir/consoles}, made if missing. */
    static ConsoleDirectory open(Path dbdir) throws IOException {
        return new ConsoleDirectory(PrivateFiles.directory(dbdir.resolve("consoles")));
    }

    /** Where the name's lines go. */
    Path current(Name name) {
        return directory.resolve(NameOnDisk.of(name) + CURRENT);
    }

    /** The name's file before the current one was started. */
    Path previous(Name name) {
        return directory.resolve(NameOnDisk.of(name) + PREVIOUS);
    }

    /** Opens the name's current file for appending, making it if missing. */
    FileChannel append(Name name) throws IOException {
        return PrivateFiles.open(current(name), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
    }

    /** Makes the current file the previous one (replacing that); the next {@link #append} starts a new one. */
    void rotate(Name name) throws IOException {
        Files.move(current(name), previous(name), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /** Deletes both of the name's files. */
    void delete(Name name) throws IOException {
        Files.deleteIfExists(current(name));
        Files.deleteIfExists(previous(name));
    }

    /**
     * The names that have a file here, with their files, in the order their files were last written, oldest first:
     * one listing and one look at each file, so that reading them opens only files that are there. Files of other
     * names (not a unikernel's, or put here by hand) are left alone.
     */
    List<Kept> kept() throws IOException {
        Map<Name, Kept> kept = new HashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                String fileName = file.getFileName().toString();
                boolean previous = fileName.endsWith(PREVIOUS);
                Optional<Name> name = previous ? nameOf(fileName, PREVIOUS)
                        : fileName.endsWith(CURRENT) ? nameOf(fileName, CURRENT) : Optional.empty();
                if (name.isEmpty()) {
                    continue;
                }
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                if (attributes.isRegularFile()) {
                    kept.computeIfAbsent(name.get(), Kept::new).add(file, previous, attributes.lastModifiedTime());
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<Kept> oldestFirst = new ArrayList<>(kept.values());
        oldestFirst.sort(Kept.OLDEST_FIRST);
        return oldestFirst;
    }

    /** A name's files here: the previous one and the current one, either perhaps absent. */
    static final class Kept {
        // written out: Comparator's combinators make serializable lambdas, which no class-data archive holds
        static final Comparator<Kept> OLDEST_FIRST = (a, b) -> {
            int age = a.written.compareTo(b.written);
            return age != 0 ? age : Name.TEXT_ORDER.compare(a.name, b.name);
        };
        private final Name name;
        private Path previous;
        private Path current;
        private FileTime written;

        private Kept(Name name) {
            this.name = name;
        }

        private void add(Path file, boolean isPrevious, FileTime modified) {
            if (isPrevious) {
                previous = file;
            } else {
                current = file;
            }
            written = written == null || modified.compareTo(written) > 0 ? modified : written;
        }

        Name name() {
            return name;
        }
    }

    /**
     * The name's last {@code count} lines, oldest first, read from the end of its files (at most {@code count}
     * records' worth of each, so a large file costs no more than a full ring).
     */
    ConsoleFileFormat.Read last(Kept kept, int count) throws IOException {
        Deque<ConsoleLine> lines = new ArrayDeque<>(Math.min(count, 1024));
        int damaged = 0;
        for (Path file : new Path[] {kept.previous, kept.current}) {
            if (file == null) {
                continue;
            }
            ConsoleFileFormat.Read read = tail(file, (long) count * ConsoleFileFormat.MAX_RECORD_BYTES);
            damaged += read.damaged();
            for (ConsoleLine line : read.lines()) {
                if (lines.size() == count) {
                    lines.removeFirst();
                }
                lines.addLast(line);
            }
        }
        return new ConsoleFileFormat.Read(List.copyOf(lines), damaged);
    }

    /**
     * The last {@code most} bytes of {@code file}, decoded. Through a {@link RandomAccessFile}: a start reads every
     * kept console's files while its code runs interpreted, where a {@code FileChannel}'s read (its direct buffer of
     * the thread's cache, its interruptible I/O) costs several times the CPU.
     */
    private static ConsoleFileFormat.Read tail(Path file, long most) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long size = in.length();
            long start = Math.max(0, size - Math.min(most, Integer.MAX_VALUE - 8));
            byte[] bytes = new byte[(int) (size - start)];
            in.seek(start);
            int length = 0;
            for (int read; length < bytes.length && (read = in.read(bytes, length, bytes.length - length)) >= 0; ) {
                length += read; // reads until the end as it was when the size was taken
            }
            return ConsoleFileFormat.decode(bytes, 0, length, start == 0);
        } catch (FileNotFoundException e) {
            if (Files.notExists(file)) {
                return new ConsoleFileFormat.Read(List.of(), 0); // removed since it was listed
            }
            throw e;
        }
    }

    private static Optional<Name> nameOf(String fileName, String suffix) {
        return NameOnDisk.unikernel(fileName.substring(0, fileName.length() - suffix.length()));
    }
}
