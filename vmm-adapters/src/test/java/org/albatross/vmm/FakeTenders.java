package org.albatross.vmm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Tenders for discovery tests: shell scripts that answer --version in the format of Solo5 v0.12.1's, with any ABI
 * version, and do nothing else. (The build's compiled stand-in, {@link StandInTender}, speaks ABI version 2 only.)
 */
final class FakeTenders {
    private FakeTenders() {
    }

    static Path write(Path file, int abi) throws IOException {
        return script(file, "echo '" + file.getFileName() + " tender, version v0.12.1'\necho 'ABI version " + abi
                + "'\n");
    }

    /** An executable shell script of {@code body}, in {@code file}. */
    static Path script(Path file, String body) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
