package org.albatross.vmm.solo5;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.albatross.vmm.ImageRejected;

/**
 * The notes in the PT_NOTE segments of a little-endian ELF file, as the tenders find them (hvt and spt images
 * are ELF64; virtio images are converted to ELF32 for QEMU's multiboot loader). Every
 * offset is checked against the file before it is read, so a hostile image can only be rejected.
 * A segment whose notes stop making sense is read up to there: the tenders read only a segment's first
 * note, so what follows a good Solo5 note cannot make an image unrunnable.
 */
final class ElfNotes {
    private static final int PT_NOTE = 4;
    private static final int NOTE_HEADER_SIZE = 12;

    /** One note; the descriptor is located in the file rather than copied. */
    record Note(String name, long type, int descriptorOffset, int descriptorSize) {
    }

    /** The readable notes, and what stopped the reading of a segment early, if anything did. */
    record Notes(List<Note> notes, List<String> damage) {
    }

    /** Where ELF32 and ELF64 keep the fields read here, and how wide their addresses and offsets are. */
    private enum Layout {
        ELF32(52, 0x1c, 0x2a, 32, 4, 16),
        ELF64(64, 0x20, 0x36, 56, 8, 32);

        final int headerSize;
        final int programHeaderTableOffset;
        final int programHeaderEntrySizeOffset;
        final int programHeaderSize;
        final int segmentOffset;
        final int segmentFileSize;

        Layout(int headerSize, int programHeaderTableOffset, int programHeaderEntrySizeOffset, int programHeaderSize,
                int segmentOffset, int segmentFileSize) {
            this.headerSize = headerSize;
            this.programHeaderTableOffset = programHeaderTableOffset;
            this.programHeaderEntrySizeOffset = programHeaderEntrySizeOffset;
            this.programHeaderSize = programHeaderSize;
            this.segmentOffset = segmentOffset;
            this.segmentFileSize = segmentFileSize;
        }

        /** An address-sized field; an ELF64 value beyond 2^63 reads negative and fails the bounds checks. */
        long word(ByteBuffer bytes, int offset) {
            return this == ELF64 ? bytes.getLong(offset) : Integer.toUnsignedLong(bytes.getInt(offset));
        }
    }

    private ElfNotes() {
    }

    /**
     * @param file the whole image, from its position 0 to its limit (a mapped file: only the header, the program
     *     headers and the notes are touched)
     */
    static Notes read(ByteBuffer file) throws ImageRejected {
        ByteBuffer bytes = file.duplicate().clear().order(ByteOrder.LITTLE_ENDIAN);
        int length = bytes.limit();
        if (length < 4 || bytes.get(0) != 0x7f || bytes.get(1) != 'E' || bytes.get(2) != 'L' || bytes.get(3) != 'F') {
            throw new ImageRejected("not an ELF file: it does not start with 0x7f 'E' 'L' 'F'");
        }
        if (length < 6 || (bytes.get(4) != 1 && bytes.get(4) != 2) || bytes.get(5) != 1) {
            throw new ImageRejected("not a Solo5 image: a Solo5 image is a little-endian ELF file, this one is "
                    + (length < 6 ? "too short to say" : "of class " + bytes.get(4) + " and data encoding "
                            + bytes.get(5)));
        }
        Layout layout = bytes.get(4) == 2 ? Layout.ELF64 : Layout.ELF32;
        if (length < layout.headerSize) {
            throw truncated("the ELF header", "0 to " + layout.headerSize, length);
        }
        long tableOffset = layout.word(bytes, layout.programHeaderTableOffset);
        int entrySize = Short.toUnsignedInt(bytes.getShort(layout.programHeaderEntrySizeOffset));
        int entryCount = Short.toUnsignedInt(bytes.getShort(layout.programHeaderEntrySizeOffset + 2));
        if (entryCount > 0 && entrySize < layout.programHeaderSize) {
            throw new ImageRejected("broken ELF file: program headers of " + entrySize + " bytes, at least "
                    + layout.programHeaderSize + " expected");
        }
        requireWithin(length, tableOffset, (long) entrySize * entryCount, "the program header table");
        Notes notes = new Notes(new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < entryCount; i++) {
            int entry = (int) tableOffset + i * entrySize;
            if (bytes.getInt(entry) == PT_NOTE) {
                long offset = layout.word(bytes, entry + layout.segmentOffset);
                long size = layout.word(bytes, entry + layout.segmentFileSize);
                requireWithin(length, offset, size, "the notes of program header " + i);
                readSegment(bytes, (int) offset, (int) (offset + size), notes);
            }
        }
        return notes;
    }

    private static void readSegment(ByteBuffer bytes, int start, int end, Notes notes) {
        int position = start;
        while (end - position >= NOTE_HEADER_SIZE) {
            long nameSize = Integer.toUnsignedLong(bytes.getInt(position));
            long descriptorSize = Integer.toUnsignedLong(bytes.getInt(position + 4));
            long type = Integer.toUnsignedLong(bytes.getInt(position + 8));
            long nameStart = position + NOTE_HEADER_SIZE;
            long descriptorStart = nameStart + alignedTo4(nameSize);
            long descriptorEnd = descriptorStart + descriptorSize;
            if (descriptorEnd > end) {
                notes.damage().add("the note at byte " + position + " runs past the end of its segment at byte "
                        + end);
                return;
            }
            String name = nameOf(bytes, (int) nameStart, (int) nameSize);
            notes.notes().add(new Note(name, type, (int) descriptorStart, (int) descriptorSize));
            position = (int) alignedTo4(descriptorEnd);
        }
    }

    private static String nameOf(ByteBuffer bytes, int start, int size) {
        int length = size;
        while (length > 0 && bytes.get(start + length - 1) == 0) {
            length--;
        }
        return Solo5Image.string(bytes, start, length, StandardCharsets.US_ASCII);
    }

    private static long alignedTo4(long value) {
        return (value + 3) & ~3L;
    }

    private static void requireWithin(int length, long offset, long size, String what) throws ImageRejected {
        if (offset < 0 || size < 0 || offset > length || size > length - offset) {
            throw truncated(what, Long.toUnsignedString(offset) + " to " + Long.toUnsignedString(offset + size),
                    length);
        }
    }

    private static ImageRejected truncated(String what, String range, int actual) {
        return new ImageRejected("truncated ELF file: " + what + " lies at bytes " + range + " but the file has only "
                + actual + " bytes");
    }
}
