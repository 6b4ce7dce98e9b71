package org.albatross.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.util.Optional;
import java.util.Set;
import org.albatross.policy.provision.KeyFileMode;
import org.albatross.policy.provision.Pem;

/**
 * The client's private key files, under policy's {@link KeyFileMode}: written for their owner alone from the
 * moment they exist (a key is never readable by others, not even between its creation and a chmod), never into a
 * directory others may write to, and refused when they are read with looser permissions. Every other problem with
 * the file is the {@link UserFile}'s one line.
 */
final class PrivateKeyFile {
    private PrivateKeyFile() {
    }

    /** Creates {@code directory} and its missing parents for their owner alone, for keys to be written into. */
    static void createDirectories(UserFile directory) {
        directory.directory(PosixFilePermissions.asFileAttribute(KeyFileMode.KEY_DIRECTORY));
    }

    /**
     * Writes {@code key} to {@code file} as PEM, replacing a file there whatever its permissions were: the key goes
     * to a new file beside it, created 0600, which is then renamed over {@code file}.
     */
    static void write(UserFile file, PrivateKey key) {
        Path directory = file.path().toAbsolutePath().getParent();
        try {
            permissions(directory).flatMap(mode -> KeyFileMode.whyUnsafeDirectory(directory.toString(), mode))
                    .ifPresent(why -> {
                        throw new ClientFailure(ExitCode.CLI_FAILED, why);
                    });
            Path staged = Files.createTempFile(directory, "." + file.path().getFileName(), ".tmp",
                    PosixFilePermissions.asFileAttribute(KeyFileMode.KEY));
            try {
                Files.writeString(staged, Pem.encodePrivateKey(key));
                Files.move(staged, file.path(), StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(staged);
            }
        } catch (IOException e) {
            throw file.unwritable(e);
        }
    }

    /** The key in {@code file}; refused, as OpenSSH refuses one, when anyone but its owner may touch the file. */
    static PrivateKey read(UserFile file) {
        try {
            permissions(file.path()).flatMap(mode -> KeyFileMode.whyUnprotected(file.path().toString(), mode))
                    .ifPresent(why -> {
                        throw new ClientFailure(ExitCode.CLI_FAILED, why);
                    });
        } catch (IOException e) {
            throw file.unreadable(e);
        }
        return file.privateKey();
    }

    /** The file's permissions; none where the file system has no POSIX permissions to tell. */
    private static Optional<Set<PosixFilePermission>> permissions(Path file) throws IOException {
        try {
            return Optional.of(Files.getPosixFilePermissions(file));
        } catch (UnsupportedOperationException noPosixPermissions) {
            return Optional.empty();
        }
    }
}
