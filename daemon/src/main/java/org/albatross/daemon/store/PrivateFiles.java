package org.albatross.daemon.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that makes the daemon's directories and files: tenants' images, block devices, the state and the
 * event log are the daemon's user's and group's alone. Directories are made {@code rwxr-x---} (0750) and files
 * {@code rw-r-----} (0640), with that mode from their creation on (the umask can only take more away). A directory
 * that already exists and lets others in, or its group write, is tightened to that once, at start, with a warning;
 * the files it holds keep their modes, and nobody else can reach them through it any more. docs/security.md.
 */
public final class PrivateFiles {
    private static final Logger LOG = LoggerFactory.getLogger(PrivateFiles.class);

    /** {@code rwxr-x---}: the daemon's user writes, its group reads, others may not enter. */
    public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwxr-x---");
    /** {@code rw-r-----}: the daemon's user writes, its group reads, others see nothing. */
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-r-----");

    private static final FileAttribute<Set<PosixFilePermission>> DIRECTORY_MODE =
            PosixFilePermissions.asFileAttribute(DIRECTORY);
    private static final FileAttribute<Set<PosixFilePermission>> FILE_MODE =
            PosixFilePermissions.asFileAttribute(FILE);
    /** What a directory may not allow beyond {@link #DIRECTORY}: group write, and anything for others. */
    private static final int TOO_OPEN = 0027;
    /** The permission bits of a mode, with set-group-id and sticky, which tightening keeps. */
    private static final int MODE_BITS = 07777;

    private PrivateFiles() {
    }

    /**
     * {@code directory}, made with {@link #DIRECTORY} if missing (its missing parents as the system makes them, since
     * they may hold what others need, such as the local socket beside {@code tmpdir/run}); an existing one that is
     * more open is tightened.
     */
    public static Path directory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            tighten(directory);
            return directory;
        }
        Path parent = directory.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return Files.createDirectory(directory, DIRECTORY_MODE);
    }

    /** A new, empty file with {@link #FILE}; fails if {@code file} exists. */
    public static Path createFile(Path file) throws IOException {
        return Files.createFile(file, FILE_MODE);
    }

    /** {@code file} opened with {@code options}; made with {@link #FILE} if they create it. */
    public static FileChannel open(Path file, OpenOption... options) throws IOException {
        return FileChannel.open(file, Set.of(options), FILE_MODE);
    }

    private static void tighten(Path directory) {
        try {
            int mode = (Integer) Files.getAttribute(directory, "unix:mode") & MODE_BITS;
            if ((mode & TOO_OPEN) == 0) {
                return;
            }
            int tightened = mode & ~TOO_OPEN;
            Files.setAttribute(directory, "unix:mode", tightened);
            LOG.warn("{} was {}, so that others could read what it holds: now {} (files in it made before keep their"
                    + " mode, but only the daemon's user and group can reach them)", directory, octal(mode),
                    octal(tightened));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            LOG.warn("{} may be open to others, and its mode could not be made {}: {}", directory,
                    PosixFilePermissions.toString(DIRECTORY), e.getMessage());
        }
    }

    private static String octal(int mode) {
        return String.format("%04o", mode);
    }
}
