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
 * directory others may write to, and refused when they are read with looser permissions.
 */
final class PrivateKeyFile {
    private PrivateKeyFile() {
    }

    /** Creates {@code directory} and its missing parents for their owner alone, for keys to be written into. */
    static void createDirectories(Path directory) throws IOException {
        Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(KeyFileMode.KEY_DIRECTORY));
    }

    /**
     * Writes {@code key} to {@code file} as PEM, replacing a file there whatever its permissions were: the key goes
     * to a new file beside it, created 0600, which is then renamed over {@code file}.
     */
    static void write(Path file, PrivateKey key) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        permissions(directory).flatMap(mode -> KeyFileMode.whyUnsafeDirectory(directory.toString(), mode))
                .ifPresent(why -> {
                    throw new ClientFailure(ExitStatus.CLI_FAILED, why);
                });
        Path staged = Files.createTempFile(directory, "." + file.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(KeyFileMode.KEY));
        try {
            Files.writeString(staged, Pem.encodePrivateKey(key));
            Files.move(staged, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    /** The key in {@code file}; refused, as OpenSSH refuses one, when anyone but its owner may touch the file. */
    static PrivateKey read(Path file) {
        try {
            permissions(file).flatMap(mode -> KeyFileMode.whyUnprotected(file.toString(), mode)).ifPresent(why -> {
                throw new ClientFailure(ExitStatus.CLI_FAILED, why);
            });
        } catch (IOException e) {
            throw new ClientFailure(ExitStatus.CLI_FAILED, "cannot read " + file + ": " + e.getMessage(), e);
        }
        return Pem.privateKey(Target.read(file));
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
