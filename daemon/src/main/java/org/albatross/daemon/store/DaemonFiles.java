package org.albatross.daemon.store;

import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/** The modes of what the daemon writes under dbdir: its tenants' data is the daemon's user's alone. */
public final class DaemonFiles {
    private static final FileAttribute<?> PRIVATE_FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final FileAttribute<?> PRIVATE_DIRECTORY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private DaemonFiles() {
    }

    public static FileAttribute<?> privateFile() {
        return PRIVATE_FILE;
    }

    public static FileAttribute<?> privateDirectory() {
        return PRIVATE_DIRECTORY;
    }
}
