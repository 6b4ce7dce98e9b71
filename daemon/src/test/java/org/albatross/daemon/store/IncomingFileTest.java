package org.albatross.daemon.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.albatross.protocol.Octets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncomingFileTest {
    private static final byte[] DATA = "a block device's content, or an image".getBytes();

    @TempDir
    Path directory;

    @Test
    void anImageIsDigestedOnTheWayAndABlockDevicesContentIsNot() throws Exception {
        try (IncomingFile image = IncomingFile.digested(directory.resolve("image"), false, 1024, "too large");
                IncomingFile block = IncomingFile.create(directory.resolve("block"), false, 1024, "too large")) {
            image.write(DATA, 0, DATA.length);
            block.write(DATA, 0, DATA.length);

            assertThat(image.finish()).contains(Octets.of(MessageDigest.getInstance("SHA-256").digest(DATA)));
            assertThat(block.finish()).isEmpty();
        }
        assertThat(Files.readAllBytes(directory.resolve("block"))).isEqualTo(DATA);
    }
}
