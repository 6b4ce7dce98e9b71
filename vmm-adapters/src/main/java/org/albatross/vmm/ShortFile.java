package org.albatross.vmm;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * A file of a line or a few that the kernel ({@code /proc/PID/stat}) or a tender's spawner writes ({@code pid},
 * {@code exit}), or the daemon ({@code monitor}): read whole through a {@link FileInputStream} into one array, and
 * an absent one told by a stat. A restore reads three of them for every tender it adopts while its code runs
 * interpreted, where {@code Files.readString} costs some 100 us of CPU a file (its channel, the direct buffer of the
 * thread's cache, the charset's decoder) and this some 30; and {@code NoSuchFileException} fills in a stack trace.
 */
final class ShortFile {
    /** Enough for every file read here in one read; a longer one is read on, in larger arrays. */
    private static final int FIRST_READ = 1024;

    private ShortFile() {
    }

    /** The file's text, or empty when it is absent (as it is when it vanishes while it is opened). */
    static Optional<String> read(Path file, Charset charset) throws IOException {
        File name = file.toFile();
        if (!name.exists()) { // java.io.File's stat throws nothing when the file is absent; NIO's makes an exception
            return Optional.empty();
        }
        try (FileInputStream in = new FileInputStream(name)) {
            byte[] bytes = new byte[FIRST_READ];
            int length = 0;
            for (int read; (read = in.read(bytes, length, bytes.length - length)) >= 0; ) {
                length += read;
                if (length == bytes.length) {
                    bytes = Arrays.copyOf(bytes, 2 * bytes.length);
                }
            }
            return Optional.of(new String(bytes, 0, length, charset));
        } catch (FileNotFoundException e) {
            if (!name.exists()) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
