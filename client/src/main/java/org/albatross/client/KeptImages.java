package org.albatross.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.albatross.policy.provision.KeyFileMode;
import org.albatross.protocol.Name;
import picocli.CommandLine.Option;

/**
 * The images {@code update} replaced, one per unikernel name, for {@code rollback}: kept on the host that runs the
 * client (albatross's protocol has no way to ask a daemon for an image it no longer runs, and our daemon's image
 * store drops an image no unikernel runs). A tenant's image is for its owner alone, as a key is: the directory is
 * made {@code 0700} and each image written {@code 0600} to a new file, renamed over the kept one, so that a client
 * stopped while writing leaves the previous one or none, never a part.
 */
final class KeptImages {
    @Option(names = "--keep-dir", paramLabel = "DIR",
            description = "Where update keeps the image it replaces and rollback finds it (default"
                    + " $XDG_STATE_HOME/albatross-client/previous, ~/.local/state/albatross-client/previous without"
                    + " it).")
    Path given;

    Path directory() {
        if (given != null) {
            return given;
        }
        String state = System.getenv("XDG_STATE_HOME");
        Path base = state != null && !state.isEmpty() ? Path.of(state)
                : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("albatross-client").resolve("previous");
    }

    /** Keeps {@code image} as the one {@code unikernel} ran before, in place of any kept before. */
    void keep(Name unikernel, byte[] image) {
        Path file = file(unikernel);
        try {
            Files.createDirectories(file.getParent(), PosixFilePermissions.asFileAttribute(KeyFileMode.KEY_DIRECTORY));
            Path part = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".part",
                    PosixFilePermissions.asFileAttribute(KeyFileMode.KEY));
            try {
                Files.write(part, image);
                Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(part);
            }
        } catch (IOException e) {
            throw new ClientFailure(ExitStatus.CLI_FAILED, "cannot keep the image " + unikernel + " runs in " + file
                    + ": " + e.getMessage(), e);
        }
    }

    /** The image kept for {@code unikernel}. */
    byte[] kept(Name unikernel) {
        Path file = file(unikernel);
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ClientFailure(ExitStatus.CLI_FAILED, "no previous image of " + unikernel + " is kept in "
                    + file.getParent() + " (update keeps the image it replaces there)");
        } catch (IOException e) {
            throw new ClientFailure(ExitStatus.CLI_FAILED, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private Path file(Name unikernel) {
        return directory().resolve(unikernel + ".img");
    }
}
