package org.albatross.protocol;

import java.util.HexFormat;

/** A 48-bit Ethernet address, printed as {@code 00:80:41:aa:bb:cc}. */
public record MacAddress(long bits) {
    public static final int LENGTH = 6;

    public MacAddress {
        if (bits < 0 || bits >>> 48 != 0) {
            throw new IllegalArgumentException("a MAC address has 48 bits, got 0x" + Long.toHexString(bits));
        }
    }

    public static MacAddress of(byte[] octets) {
        if (octets.length != LENGTH) {
            throw new IllegalArgumentException("a MAC address has " + LENGTH + " bytes, got " + octets.length);
        }
        long bits = 0;
        for (byte b : octets) {
            bits = bits << 8 | (b & 0xFF);
        }
        return new MacAddress(bits);
    }

    /** Parses {@code 00:80:41:aa:bb:cc} (or with '-' separators). */
    public static MacAddress parse(String text) {
        String[] parts = text.split("[:-]", -1);
        if (parts.length != LENGTH) {
            throw new IllegalArgumentException("invalid MAC address \"" + text + "\": expected six hex bytes like 00:80:41:aa:bb:cc");
        }
        byte[] octets = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            if (parts[i].length() != 2 || !parts[i].chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new IllegalArgumentException("invalid MAC address \"" + text + "\": byte " + (i + 1) + " is not two hex digits");
            }
            octets[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return of(octets);
    }

    public byte[] toBytes() {
        byte[] octets = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            octets[i] = (byte) (bits >>> (8 * (LENGTH - 1 - i)));
        }
        return octets;
    }

    @Override
    public String toString() {
        return HexFormat.ofDelimiter(":").formatHex(toBytes());
    }
}
