package org.albatross.vmm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Stand-in tenders: shell scripts that answer --version like Solo5 v0.12.1's and do nothing else. */
final class FakeTenders {
    private FakeTenders() {
    }

    static Path write(Path file, int abi) throws IOException {
        Files.writeString(file, "#!/bin/sh\necho 'solo5 tender, version v0.12.1'\necho 'ABI version " + abi + "'\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
