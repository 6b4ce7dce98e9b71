package org.albatross.vmm.solo5;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.albatross.vmm.ImageRejected;

/**
 * What a Solo5 image declares: its ABI note and its manifest of devices. {@link #read} follows the checks of
 * Solo5's tenders (tenders/common/elf.c and mft.c), so an image refused here would be refused by the tender.
 */
public record Solo5Image(Solo5Abi abi, Solo5Manifest manifest) {
    static final long ABI_NOTE_TYPE = 0x31494241L;      // "ABI1"
    static final long MANIFEST_NOTE_TYPE = 0x3154464dL; // "MFT1"
    private static final String NOTE_NAME = "Solo5";
    private static final int ABI_DESCRIPTOR_SIZE = 16;
    /**
     * The manifest holds 64-bit fields, so C places it 8-byte aligned: 4 bytes of padding after the 20-byte
     * note header (namesz, descsz, type, "Solo5" padded to 8), counted in the descriptor's size.
     */
    private static final int MANIFEST_PADDING = 4;
    private static final int MANIFEST_HEADER_SIZE = 8;
    private static final int MANIFEST_VERSION = 1;
    public static final int MAX_ENTRIES = 64;
    private static final int ENTRY_SIZE = 104;
    private static final int NAME_SIZE = 68;
    private static final long RESERVED_FIRST = 1L << 30;

    public Solo5Image {
        Objects.requireNonNull(abi, "abi");
        Objects.requireNonNull(manifest, "manifest");
    }

    /** Reads the notes of an uncompressed image. */
    public static Solo5Image read(byte[] elf) throws ImageRejected {
        return read(ByteBuffer.wrap(elf));
    }

    /** Reads the notes of an uncompressed image, from its position 0 to its limit (e.g. a mapped file). */
    public static Solo5Image read(ByteBuffer elf) throws ImageRejected {
        ElfNotes.Notes notes = ElfNotes.read(elf);
        ByteBuffer bytes = elf.duplicate().clear().order(ByteOrder.LITTLE_ENDIAN);
        return new Solo5Image(readAbi(bytes, find(notes, ABI_NOTE_TYPE, "ABI (type ABI1)")),
                readManifest(bytes, find(notes, MANIFEST_NOTE_TYPE, "manifest (type MFT1)")));
    }

    private static ElfNotes.Note find(ElfNotes.Notes notes, long type, String what) throws ImageRejected {
        for (ElfNotes.Note note : notes.notes()) {
            if (note.name().equals(NOTE_NAME) && note.type() == type) {
                return note;
            }
        }
        throw new ImageRejected("not a Solo5 image: it has no Solo5 " + what + " note"
                + (notes.damage().isEmpty() ? "; build it with Solo5 0.6 or later (MirageOS 4)"
                        : " (broken ELF notes: " + String.join("; ", notes.damage()) + ")"));
    }

    private static Solo5Abi readAbi(ByteBuffer bytes, ElfNotes.Note note) throws ImageRejected {
        if (note.descriptorSize() < ABI_DESCRIPTOR_SIZE) {
            throw new ImageRejected("broken Solo5 ABI note: its descriptor has " + note.descriptorSize()
                    + " bytes, " + ABI_DESCRIPTOR_SIZE + " expected");
        }
        long code = Integer.toUnsignedLong(bytes.getInt(note.descriptorOffset()));
        Solo5Target target = Solo5Target.ofCode(code).orElseThrow(
                () -> new ImageRejected("unknown Solo5 target " + code + " in the ABI note (known: 1 hvt to 6 xen)"));
        return new Solo5Abi(target, bytes.getInt(note.descriptorOffset() + 4));
    }

    private static Solo5Manifest readManifest(ByteBuffer bytes, ElfNotes.Note note) throws ImageRejected {
        int size = note.descriptorSize() - MANIFEST_PADDING;
        if (size < MANIFEST_HEADER_SIZE) {
            throw new ImageRejected("broken Solo5 manifest note: its descriptor has " + note.descriptorSize()
                    + " bytes, too short for even the manifest header ("
                    + (MANIFEST_PADDING + MANIFEST_HEADER_SIZE) + " bytes)");
        }
        int start = note.descriptorOffset() + MANIFEST_PADDING;
        int version = bytes.getInt(start);
        if (version != MANIFEST_VERSION) {
            throw new ImageRejected("unsupported Solo5 manifest version " + Integer.toUnsignedString(version)
                    + ", only version " + MANIFEST_VERSION + " is known");
        }
        long entries = Integer.toUnsignedLong(bytes.getInt(start + 4));
        if (entries > MAX_ENTRIES) {
            throw new ImageRejected("broken Solo5 manifest: it declares " + entries + " entries, at most "
                    + MAX_ENTRIES + " are allowed (" + (MAX_ENTRIES - 1) + " devices)");
        }
        long expected = MANIFEST_HEADER_SIZE + entries * ENTRY_SIZE;
        if (size != expected) {
            throw new ImageRejected("broken Solo5 manifest: " + entries + " entries need " + expected
                    + " bytes but the note's descriptor holds " + size + " (after " + MANIFEST_PADDING
                    + " bytes of alignment)");
        }
        if (entries < 1 || bytes.getInt(start + MANIFEST_HEADER_SIZE + NAME_SIZE) != RESERVED_FIRST
                || bytes.get(start + MANIFEST_HEADER_SIZE) != 0) {
            throw new ImageRejected("broken Solo5 manifest: its first entry must be Solo5's reserved one");
        }
        List<Solo5Device> devices = new ArrayList<>();
        for (int i = 1; i < entries; i++) {
            readEntry(bytes, start + MANIFEST_HEADER_SIZE + i * ENTRY_SIZE, i).ifPresent(devices::add);
        }
        return new Solo5Manifest(devices);
    }

    private static Optional<Solo5Device> readEntry(ByteBuffer bytes, int offset, int index)
            throws ImageRejected {
        if (bytes.get(offset + NAME_SIZE - 1) != 0) {
            throw new ImageRejected("broken Solo5 manifest: the name of entry " + index
                    + " is not NUL-terminated within " + NAME_SIZE + " bytes");
        }
        int length = 0;
        while (bytes.get(offset + length) != 0) {
            length++;
        }
        String name = string(bytes, offset, length, StandardCharsets.UTF_8);
        long type = Integer.toUnsignedLong(bytes.getInt(offset + NAME_SIZE));
        if (type >= RESERVED_FIRST || name.isEmpty()) {
            return Optional.empty();
        }
        for (Solo5Device.Kind kind : Solo5Device.Kind.values()) {
            if (kind.code() == type) {
                return Optional.of(new Solo5Device(name, kind));
            }
        }
        throw new ImageRejected("unsupported Solo5 device \"" + name + "\" of type " + type + " (entry " + index
                + "): only BLOCK_BASIC (1) and NET_BASIC (2) are known");
    }

    /** {@code length} bytes of {@code bytes} from {@code offset} as text; works on any buffer, mapped ones too. */
    static String string(ByteBuffer bytes, int offset, int length, java.nio.charset.Charset charset) {
        byte[] text = new byte[length];
        bytes.get(offset, text);
        return new String(text, charset);
    }
}
