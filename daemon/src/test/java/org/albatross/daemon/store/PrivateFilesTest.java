package org.albatross.daemon.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import org.albatross.daemon.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {
    @TempDir
    Path directory;

    private final LogCapture log = new LogCapture(PrivateFiles.class);

    @AfterEach
    void stopCapturing() {
        log.close();
    }

    @Test
    void aNewDirectoryIsTheDaemonsUsersAndGroupsAloneAndItsMissingParentsAsUsual() throws IOException {
        Path dbdir = PrivateFiles.directory(directory.resolve("var/lib/albatross"));

        assertMadeWith(dbdir, PrivateFiles.DIRECTORY);
        assertThat(Files.getPosixFilePermissions(dbdir.getParent())).as("a parent, which may hold what others need")
                .contains(PosixFilePermission.OTHERS_EXECUTE);
        assertThat(log.messages(Level.WARN)).isEmpty();
    }

    @Test
    void everyWayOfMakingAFileMakesItReadableByTheDaemonsUserAndGroupOnly() throws Exception {
        Path created = PrivateFiles.createFile(directory.resolve("block"));
        try (FileChannel opened = PrivateFiles.open(directory.resolve("segment"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            opened.force(true);
        }
        try (IncomingFile incoming = IncomingFile.create(directory.resolve("incoming"), false, 16, "too large")) {
            incoming.write(new byte[] {1}, 0, 1);
        }
        ImageStore.open(directory.resolve("images"));
        Path loose = Files.writeString(directory.resolve("loose"), "state");
        Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rw-rw-rw-"));
        AtomicFile.copy(loose, directory.resolve("copy"));
        AtomicFile.write(directory.resolve("state"), "state".getBytes(UTF_8), Optional.empty());

        for (String file : new String[] {"block", "segment", "incoming", "copy", "state"}) {
            assertMadeWith(directory.resolve(file), PrivateFiles.FILE);
        }
        assertMadeWith(directory.resolve("images"), PrivateFiles.DIRECTORY);
        assertThat(created).isEmptyFile();
        assertThat(directory.resolve("copy")).hasContent("state");
        assertThatThrownBy(() -> PrivateFiles.createFile(created)).isInstanceOf(FileAlreadyExistsException.class);
    }

    @Test
    void anAtomicWriteOverALeftoverLooseTemporaryFileStillEndsReadableByTheDaemonAlone() throws IOException {
        Path state = directory.resolve("state");
        Path leftover = Files.writeString(AtomicFile.temporaryFor(state), "unfinished");
        Files.setPosixFilePermissions(leftover, PosixFilePermissions.fromString("rw-rw-rw-"));

        AtomicFile.write(state, "state".getBytes(UTF_8));

        assertMadeWith(state, PrivateFiles.FILE);
        assertThat(state).hasContent("state");
    }

    @Test
    void anExistingDirectoryOthersMayEnterIsTightenedOnceWithAWarning() throws IOException {
        Path dbdir = Files.createDirectory(directory.resolve("db"));
        Files.setPosixFilePermissions(dbdir, PosixFilePermissions.fromString("rwxrwxr-x"));
        Path old = Files.writeString(dbdir.resolve("state"), "old");
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-r--r--"));

        PrivateFiles.directory(dbdir);
        PrivateFiles.directory(dbdir);

        assertThat(mode(dbdir)).isEqualTo("rwxr-x---");
        assertThat(mode(old)).as("a file made before: closed off by its directory").isEqualTo("rw-r--r--");
        assertThat(log.messages(Level.WARN)).singleElement().asString()
                .startsWith(dbdir + " was 0775, so that others could read what it holds: now 0750");
    }

    @Test
    void tighteningKeepsTheSetGroupIdBitThatGivesNewFilesTheDirectorysGroup() throws IOException {
        Path dbdir = Files.createDirectory(directory.resolve("db"));
        Files.setAttribute(dbdir, "unix:mode", 02755);

        PrivateFiles.directory(dbdir);

        assertThat((Integer) Files.getAttribute(dbdir, "unix:mode") & 07777).isEqualTo(02750);
    }

    @Test
    void aDirectoryAlreadyClosedToOthersIsLeftAsItIs() throws IOException {
        Path dbdir = Files.createDirectory(directory.resolve("db"));
        Files.setPosixFilePermissions(dbdir, PosixFilePermissions.fromString("rwx------"));

        PrivateFiles.directory(dbdir);

        assertThat(mode(dbdir)).isEqualTo("rwx------");
        assertThat(log.messages(Level.WARN)).isEmpty();
    }

    /** Made with {@code mode}, less what the umask takes away: nothing beyond it, and all its owner's part. */
    private static void assertMadeWith(Path file, Set<PosixFilePermission> mode) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        assertThat(mode).as(file.getFileName().toString()).containsAll(permissions);
        assertThat(permissions).as(file.getFileName().toString()).containsAll(mode.stream()
                .filter(permission -> permission.name().startsWith("OWNER")).toList());
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }
}
