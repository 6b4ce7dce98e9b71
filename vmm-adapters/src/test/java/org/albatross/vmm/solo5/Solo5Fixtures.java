package org.albatross.vmm.solo5;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The ELF fixtures the build compiles from src/test/solo5-fixtures/, and ways to break them. */
public final class Solo5Fixtures {
    private Solo5Fixtures() {
    }

    public static byte[] fixture(String name) {
        try (InputStream in = Solo5Fixtures.class.getResourceAsStream("fixtures/" + name + ".elf")) {
            if (in == null) {
                throw new IllegalStateException("fixture " + name + ".elf missing: run the build (mvn verify) so"
                        + " that generate-test-resources compiles src/test/solo5-fixtures/");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Offset of the header (namesz, descsz, type) of the note with {@code type} and name "Solo5". */
    public static int noteHeaderAt(byte[] elf, long type) {
        ByteBuffer bytes = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 20 <= elf.length; i += 4) {
            if (bytes.getInt(i) == 6 && Integer.toUnsignedLong(bytes.getInt(i + 8)) == type
                    && new String(elf, i + 12, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("Solo5")) {
                return i;
            }
        }
        throw new IllegalArgumentException("no Solo5 note of type " + Long.toHexString(type));
    }

    public static byte[] withInt(byte[] elf, int offset, int value) {
        byte[] patched = elf.clone();
        ByteBuffer.wrap(patched).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
        return patched;
    }
}
