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

    static Notes read(byte[] file) throws ImageRejected {
        if (file.length < 4 || file[0] != 0x7f || file[1] != 'E' || file[2] != 'L' || file[3] != 'F') {
            throw new ImageRejected("not an ELF file: it does not start with 0x7f 'E' 'L' 'F'");
        }
        if (file.length < 6 || (file[4] != 1 && file[4] != 2) || file[5] != 1) {
            throw new ImageRejected("not a Solo5 image: a Solo5 image is a little-endian ELF file, this one is "
                    + (file.length < 6 ? "too short to say" : "of class " + file[4] + " and data encoding " + file[5]));
        }
        Layout layout = file[4] == 2 ? Layout.ELF64 : Layout.ELF32;
        if (file.length < layout.headerSize) {
            throw truncated("the ELF header", "0 to " + layout.headerSize, file.length);
        }
        ByteBuffer bytes = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        long tableOffset = layout.word(bytes, layout.programHeaderTableOffset);
        int entrySize = Short.toUnsignedInt(bytes.getShort(layout.programHeaderEntrySizeOffset));
        int entryCount = Short.toUnsignedInt(bytes.getShort(layout.programHeaderEntrySizeOffset + 2));
        if (entryCount > 0 && entrySize < layout.programHeaderSize) {
            throw new ImageRejected("broken ELF file: program headers of " + entrySize + " bytes, at least "
                    + layout.programHeaderSize + " expected");
        }
        requireWithin(file, tableOffset, (long) entrySize * entryCount, "the program header table");
        Notes notes = new Notes(new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < entryCount; i++) {
            int entry = (int) tableOffset + i * entrySize;
            if (bytes.getInt(entry) == PT_NOTE) {
                long offset = layout.word(bytes, entry + layout.segmentOffset);
                long size = layout.word(bytes, entry + layout.segmentFileSize);
                requireWithin(file, offset, size, "the notes of program header " + i);
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
            String name = nameOf(bytes.array(), (int) nameStart, (int) nameSize);
            notes.notes().add(new Note(name, type, (int) descriptorStart, (int) descriptorSize));
            position = (int) alignedTo4(descriptorEnd);
        }
    }

    private static String nameOf(byte[] file, int start, int size) {
        int length = size;
        while (length > 0 && file[start + length - 1] == 0) {
            length--;
        }
        return new String(file, start, length, StandardCharsets.US_ASCII);
    }

    private static long alignedTo4(long value) {
        return (value + 3) & ~3L;
    }

    private static void requireWithin(byte[] file, long offset, long size, String what) throws ImageRejected {
        if (offset < 0 || size < 0 || offset > file.length || size > file.length - offset) {
            throw truncated(what, Long.toUnsignedString(offset) + " to " + Long.toUnsignedString(offset + size),
                    file.length);
        }
    }

    private static ImageRejected truncated(String what, String range, int actual) {
        return new ImageRejected("truncated ELF file: " + what + " lies at bytes " + range + " but the file has only "
                + actual + " bytes");
    }
}
