package org.albatross.daemon.supervisor;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.albatross.protocol.Name;

/** The block devices' files: one file per device under {@code dbdir/block}, named after the device. */
public record BlockDirectory(Path directory) {
    private static final long MB = 1024L * 1024L;

    public Path file(Name device) {
        return directory.resolve(NameOnDisk.of(device));
    }

    /** The device's size in whole MB as its file says; 0 when the file is missing. */
    public long sizeMb(Name device) throws IOException {
        Path file = file(device);
        return Files.exists(file) ? Files.size(file) / MB : 0;
    }

    /** Creates the device's file, {@code sizeMb} of zeros (sparse where the file system allows). */
    public void create(Name device, long sizeMb) throws IOException {
        Files.createDirectories(directory);
        try (RandomAccessFile file = new RandomAccessFile(Files.createFile(file(device)).toFile(), "rw")) {
            file.setLength(sizeMb * MB);
        }
    }

    public void delete(Name device) throws IOException {
        Files.deleteIfExists(file(device));
    }
}
