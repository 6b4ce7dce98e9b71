package org.albatross.protocol;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string with value equality, for images, digests and block data in records (a raw
 * {@code byte[]} would make record equality compare identities).
 */
public final class Octets {
    public static final Octets EMPTY = new Octets(new byte[0]);
    private static final int SHOWN_BYTES = 16;

    private final byte[] bytes;

    private Octets(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of {@code bytes}; later changes to the array do not show. */
    public static Octets of(byte[] bytes) {
        return new Octets(bytes.clone());
    }

    /** A copy of the remaining bytes of {@code bytes}, for a decoder that reads them in place: the one copy made. */
    public static Octets copyOf(ByteBuffer bytes) {
        byte[] copy = new byte[bytes.remaining()];
        bytes.duplicate().get(copy);
        return new Octets(copy);
    }

    public static Octets ofHex(String hex) {
        return new Octets(HexFormat.of().parseHex(hex));
    }

    public int size() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** A fresh copy of the bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** The bytes, read-only and without a copy: for writing a large image out as it is. */
    public ByteBuffer asReadOnlyBuffer() {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    public String toHex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Octets that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Length and at most the first 16 bytes in hex: images are large and end up in logs. */
    @Override
    public String toString() {
        String shown = HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, SHOWN_BYTES));
        return "Octets[" + bytes.length + " bytes: " + shown + (bytes.length > SHOWN_BYTES ? "..." : "") + "]";
    }
}
