package org.albatross.it.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a JVM's resident memory is: each mapping of {@code /proc/PID/smaps} with its {@code Rss}, attributed to what
 * the JVM reserved it for (its Native Memory Tracking virtual memory map, {@code jcmd PID VM.native_memory detail}),
 * else to the file it maps, else to the C heap (malloc arenas: the JVM's own malloc'd memory, direct buffers, every
 * native library's). Pure: text in, KiB out.
 */
final class MemoryComposition {
    /** The parts of a resident set, in the order a table lists them. */
    enum Part {
        JAVA_HEAP("Java heap"),
        CLASS_METADATA("class metadata (metaspace, class space)"),
        SHARED_ARCHIVES("class-data archives (the JDK's, the daemon's)"),
        CODE_CACHE("code cache"),
        THREAD_STACKS("thread stacks"),
        GC("GC structures (card table, block offsets)"),
        OTHER_RESERVED("other JVM mappings"),
        LIBJVM("libjvm.so"),
        OTHER_LIBRARIES("other shared libraries (libc, Netty's epoll, ...)"),
        MALLOC("C heap: malloc arenas (symbols, JIT arenas, direct buffers, ...)"),
        OTHER_FILES("other mapped files (the JDK's modules image, PerfData)");

        final String label;

        Part(String label) {
            this.label = label;
        }
    }

    /** A range the JVM reserved, and for what (an NMT category such as "Java Heap"). */
    record Reservation(long start, long end, String category) {
    }

    private static final Pattern SMAPS_RANGE = Pattern.compile("^([0-9a-f]+)-([0-9a-f]+) \\S+ \\S+ \\S+ \\S+\\s*(.*)$");
    private static final Pattern SMAPS_RSS = Pattern.compile("^Rss:\\s+(\\d+) kB");
    private static final Pattern NMT_REGION = Pattern.compile(
            "^\\[0x([0-9a-f]+) - 0x([0-9a-f]+)\\] reserved (?:and committed )?\\d+KB for (.+?) from");

    private MemoryComposition() {
    }

    /** The ranges of an NMT detail report's virtual memory map. */
    static List<Reservation> reservations(String nmtDetail) {
        List<Reservation> reservations = new ArrayList<>();
        for (String line : nmtDetail.split("\n")) {
            Matcher region = NMT_REGION.matcher(line);
            if (region.find()) {
                reservations.add(new Reservation(Long.parseUnsignedLong(region.group(1), 16),
                        Long.parseUnsignedLong(region.group(2), 16), region.group(3)));
            }
        }
        return reservations;
    }

    /** The resident KiB of each part; they add up to the smaps total. */
    static Map<Part, Long> of(String smaps, List<Reservation> reservations) {
        Map<Part, Long> parts = new EnumMap<>(Part.class);
        for (Part part : Part.values()) {
            parts.put(part, 0L);
        }
        long start = 0;
        String name = "";
        for (String line : smaps.split("\n")) {
            Matcher range = SMAPS_RANGE.matcher(line);
            if (range.matches()) {
                start = Long.parseUnsignedLong(range.group(1), 16);
                name = range.group(3).strip();
                continue;
            }
            Matcher rss = SMAPS_RSS.matcher(line);
            if (rss.matches()) {
                parts.merge(partOf(start, name, reservations), Long.parseLong(rss.group(1)), Long::sum);
            }
        }
        return parts;
    }

    private static Part partOf(long address, String file, List<Reservation> reservations) {
        for (Reservation reservation : reservations) {
            if (address >= reservation.start() && address < reservation.end()) {
                return switch (reservation.category()) {
                    case "Java Heap" -> Part.JAVA_HEAP;
                    case "Metaspace", "Class" -> Part.CLASS_METADATA;
                    case "Shared class space" -> Part.SHARED_ARCHIVES;
                    case "Code" -> Part.CODE_CACHE;
                    case "Thread Stack" -> Part.THREAD_STACKS;
                    case "GC" -> Part.GC;
                    default -> Part.OTHER_RESERVED;
                };
            }
        }
        if (file.endsWith("/libjvm.so")) {
            return Part.LIBJVM;
        }
        if (file.contains(".so")) {
            return Part.OTHER_LIBRARIES;
        }
        if (file.isEmpty() || file.equals("[heap]")) {
            return Part.MALLOC;
        }
        // [stack] (the primordial thread's, unused by the JVM), [vdso], the modules image, hsperfdata.
        return file.equals("[stack]") ? Part.THREAD_STACKS : Part.OTHER_FILES;
    }

    /** {@code (malloc=123KB} amounts of an NMT summary, by category: what the C heap part holds. */
    static Map<String, Long> mallocByCategory(String nmtSummary) {
        Map<String, Long> malloc = new java.util.LinkedHashMap<>();
        Matcher category = Pattern.compile("^-\\s+(.+?) \\(reserved=\\d+KB, committed=\\d+KB\\)\\s*\\n"
                + "(?:\\s+\\(.*\\)\\s*\\n)*?\\s+\\(malloc=(\\d+)KB", Pattern.MULTILINE).matcher(nmtSummary);
        while (category.find()) {
            malloc.put(category.group(1).strip(), Long.parseLong(category.group(2)));
        }
        return malloc;
    }
}
