package org.albatross.vmm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.albatross.vmm.solo5.Solo5Fixtures;

/**
 * The stand-in solo5-spt that the build compiles from src/test/stand-in-tender/ (it answers {@code --version} as
 * Solo5 v0.12.1's does, with ABI version 2, and run on an image prints one console line and exits 0), and the spt
 * image to give it. For measuring the daemon's own launch overhead where no Solo5 is built, and for tests of
 * tender configuration; real Solo5 runs where {@code SOLO5_DIR} names a build. Other modules reach it through
 * vmm-adapters' test-jar.
 */
public final class StandInTender {
    private static final String RESOURCE = "stand-in/solo5-spt";

    private StandInTender() {
    }

    /**
     * Writes the stand-in to {@code file} (a jar entry has no execute bit, so it is copied out) and returns it,
     * executable. Name the file {@code solo5-spt} for a tender directory; any name does for
     * {@code adapters.solo5.spt-tender}.
     */
    public static Path writeTo(Path file) throws IOException {
        try (InputStream in = StandInTender.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the stand-in tender is missing from the classpath (org/albatross/vmm/"
                        + RESOURCE + "): the vmm-adapters build compiles it with gcc; run scripts/setup.sh");
            }
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    /** An spt image of Solo5 ABI version 2 without devices (a compiled fixture): what a create gives the stand-in. */
    public static byte[] image() {
        return Solo5Fixtures.fixture("spt-no-devices");
    }
}
