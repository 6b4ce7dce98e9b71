package org.albatross.vmm.solo5;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.albatross.vmm.ImageRejected;

/**
 * The notes in the PT_NOTE segments of a 64-bit little-endian ELF file, as the tenders find them. Every
 * offset is checked against the file before it is read, so a hostile image can only be rejected.
 * A segment whose notes stop making sense is read up to there: the tenders read only a segment's first
 * note, so what follows a good Solo5 note cannot make an image unrunnable.
 */
final class ElfNotes {
    private static final int HEADER_SIZE = 64;
    private static final int PROGRAM_HEADER_SIZE = 56;
    private static final int PT_NOTE = 4;
    private static final int NOTE_HEADER_SIZE = 12;

    /** One note; the descriptor is located in the file rather than copied. */
    record Note(String name, long type, int descriptorOffset, int descriptorSize) {
    }

    /** The readable notes, and what stopped the reading of a segment early, if anything did. */
    record Notes(List<Note> notes, List<String> damage) {
    }

    private ElfNotes() {
    }

    static Notes read(byte[] file) throws ImageRejected {
        if (file.length < 4 || file[0] != 0x7f || file[1] != 'E' || file[2] != 'L' || file[3] != 'F') {
            throw new ImageRejected("not an ELF file: it does not start with 0x7f 'E' 'L' 'F'");
        }
        if (file.length < HEADER_SIZE) {
            throw truncated("the ELF header", "0 to " + HEADER_SIZE, file.length);
        }
        if (file[4] != 2 || file[5] != 1) {
            throw new ImageRejected("not a Solo5 image: a Solo5 image is a 64-bit little-endian ELF file, this one is "
                    + (file[4] == 1 ? "32-bit" : "of class " + file[4]) + (file[5] == 1 ? "" : " and big-endian"));
        }
        ByteBuffer bytes = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        long tableOffset = bytes.getLong(0x20);
        int entrySize = Short.toUnsignedInt(bytes.getShort(0x36));
        int entryCount = Short.toUnsignedInt(bytes.getShort(0x38));
        if (entryCount > 0 && entrySize < PROGRAM_HEADER_SIZE) {
            throw new ImageRejected("broken ELF file: program headers of " + entrySize + " bytes, at least "
                    + PROGRAM_HEADER_SIZE + " expected");
        }
        requireWithin(file, tableOffset, (long) entrySize * entryCount, "the program header table");
        Notes notes = new Notes(new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < entryCount; i++) {
            int entry = (int) tableOffset + i * entrySize;
            if (bytes.getInt(entry) == PT_NOTE) {
                long offset = bytes.getLong(entry + 8);
                long size = bytes.getLong(entry + 32);
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
                notes.damage().add("the note at byte " + position + " runs past the end of its segment at byte " + end);
                return;
            }
            notes.notes().add(new Note(nameOf(bytes.array(), (int) nameStart, (int) nameSize), type, (int) descriptorStart,
                    (int) descriptorSize));
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
