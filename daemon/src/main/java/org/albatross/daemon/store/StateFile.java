package org.albatross.daemon.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The on-disk form of the daemon's state: {@code "ALBSTATE"}, a 4-byte format version, the 4-byte length of the
 * state, the state, then a CRC-32C of everything before it. A torn write (too short), a foreign file (no magic) and a
 * flipped bit (checksum) are all told apart. Pure: no I/O.
 */
final class StateFile {
    static final int VERSION = 1;
    private static final byte[] MAGIC = "ALBSTATE".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = MAGIC.length + Integer.BYTES + Integer.BYTES;
    private static final int TRAILER = Integer.BYTES;

    private StateFile() {
    }

    /** What reading a state file found. */
    sealed interface Contents {
    }

    record Intact(byte[] state) implements Contents {
    }

    /** {@code problem} says what is wrong in words an operator can read. */
    record Damaged(String problem) implements Contents {
    }

    static byte[] wrap(byte[] state) {
        ByteBuffer file = ByteBuffer.allocate(HEADER + state.length + TRAILER);
        file.put(MAGIC).putInt(VERSION).putInt(state.length).put(state);
        file.putInt(checksum(file.array(), file.position()));
        return file.array();
    }

    static Contents unwrap(byte[] file) {
        if (file.length < MAGIC.length || !Arrays.equals(file, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return new Damaged("it does not start with the state file marker \"ALBSTATE\"");
        }
        if (file.length < HEADER + TRAILER) {
            return new Damaged("it is cut short: " + file.length + " bytes, not even a header");
        }
        ByteBuffer reader = ByteBuffer.wrap(file);
        reader.position(MAGIC.length);
        int version = reader.getInt();
        if (version != VERSION) {
            return new Damaged("its format version is " + version + ", this daemon reads version " + VERSION);
        }
        long length = Integer.toUnsignedLong(reader.getInt());
        long expected = HEADER + length + TRAILER;
        if (file.length != expected) {
            return new Damaged("its header announces " + length + " bytes of state, so " + expected
                    + " bytes in all, but the file has " + file.length + " (torn or truncated write)");
        }
        int stored = ByteBuffer.wrap(file, file.length - TRAILER, TRAILER).getInt();
        int computed = checksum(file, file.length - TRAILER);
        if (stored != computed) {
            return new Damaged(String.format("its CRC-32C is %08x but its content sums to %08x (corrupted)",
                    stored, computed));
        }
        return new Intact(Arrays.copyOfRange(file, HEADER, file.length - TRAILER));
    }

    private static int checksum(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }
}
