package org.albatross.policy.provision;

import static java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE;
import static java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE;
import static java.nio.file.attribute.PosixFilePermission.OWNER_READ;
import static java.nio.file.attribute.PosixFilePermission.OWNER_WRITE;

import java.nio.file.attribute.PosixFilePermission;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Who may touch a private key's file, by its permission bits: its owner alone, as OpenSSH demands of an identity
 * file. Whoever reads the root CA's key is the operator of every tenant, so a looser key file is refused, never
 * just warned about. Pure: the caller reads the permissions and writes the files.
 */
public final class KeyFileMode {
    /** A private key file is created readable and writable by its owner alone: 0600. */
    public static final Set<PosixFilePermission> KEY = Collections.unmodifiableSet(EnumSet.of(OWNER_READ,
            OWNER_WRITE));
    /** A directory made to hold private keys is its owner's alone: 0700. */
    public static final Set<PosixFilePermission> KEY_DIRECTORY = Collections.unmodifiableSet(EnumSet.of(OWNER_READ,
            OWNER_WRITE, OWNER_EXECUTE));
    private static final Set<PosixFilePermission> OWNERS = KEY_DIRECTORY;

    private KeyFileMode() {
    }

    /** Why a key file with {@code permissions} must not be used, or empty when only its owner may touch it. */
    public static Optional<String> whyUnprotected(String file, Set<PosixFilePermission> permissions) {
        if (OWNERS.containsAll(permissions)) {
            return Optional.empty();
        }
        return Optional.of("unprotected private key file " + file + ": permissions " + octal(permissions)
                + " are too open, a private key must be accessible by its owner alone (chmod 600 " + file + ")");
    }

    /**
     * Why no key may be written into a directory with {@code permissions}, or empty when none but its owner (and
     * group) may add or replace files in it: whoever may could swap the key for one of their own.
     */
    public static Optional<String> whyUnsafeDirectory(String directory, Set<PosixFilePermission> permissions) {
        if (!permissions.contains(OTHERS_WRITE)) {
            return Optional.empty();
        }
        return Optional.of("refusing to write a private key into " + directory + ": others may write to it"
                + " (permissions " + octal(permissions) + ") and could replace the key; chmod o-w " + directory);
    }

    /** Permissions as chmod writes them: {@code 0644}. */
    static String octal(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            mode |= 0400 >> permission.ordinal();
        }
        return String.format("%04o", mode);
    }
}
