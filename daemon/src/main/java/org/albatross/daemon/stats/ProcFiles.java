package org.albatross.daemon.stats;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.albatross.protocol.Statistics;

/**
 * What Linux's {@code /proc/PID/stat}, {@code statm}, {@code status} and {@code io} say about a monitor process,
 * turned into albatross's getrusage and kinfo_mem structures the way albatross-stats does on Linux. Pure: the
 * caller reads the files.
 *
 * @param stat the one line of {@code /proc/PID/stat}
 * @param statm the one line of {@code /proc/PID/statm}
 * @param status {@code /proc/PID/status}
 * @param io {@code /proc/PID/io}, empty when it may not be read (another user's process)
 */
public record ProcFiles(String stat, String statm, String status, String io) {
    /** Linux reports times in /proc in USER_HZ, which its ABI fixes at 100 whatever the kernel's tick. */
    static final long TICKS_PER_SECOND = 100;
    private static final long BLOCK_BYTES = 512;
    /** The last field albatross reads from /proc/PID/stat (vsize 22, rss 23; 0-based with pid and comm). */
    private static final int STAT_FIELDS = 24;
    private static final int STATM_FIELDS = 6;

    /** The process's usage, with {@code started} as its start time. */
    public ProcessUsage usage(Instant started) throws MalformedProcFile {
        List<String> fields = statFields();
        String[] pages = statm.trim().split(" +");
        if (pages.length < STATM_FIELDS) {
            throw new MalformedProcFile("/proc/PID/statm has " + pages.length + " fields, expected at least "
                    + STATM_FIELDS);
        }
        Map<String, String> statusValues = keyValues(status);
        Map<String, String> ioValues = keyValues(io);
        long utime = number(fields.get(13), "utime");
        long stime = number(fields.get(14), "stime");
        long rssPages = number(pages[1], "statm resident");
        Statistics.ResourceUsage rusage = new Statistics.ResourceUsage(timeval(utime), timeval(stime),
                kibibytes(statusValues, "VmHWM"), 0, 0, 0, number(fields.get(9), "minflt"),
                number(fields.get(11), "majflt"), 0, blocks(ioValues, "read_bytes"), blocks(ioValues, "write_bytes"),
                0, 0, 0, number(statusValues, "voluntary_ctxt_switches"),
                number(statusValues, "nonvoluntary_ctxt_switches"));
        long dataAndStack = number(pages[5], "statm data");
        Statistics.KinfoMem mem = new Statistics.KinfoMem(number(fields.get(22), "vsize"), rssPages,
                number(pages[3], "statm text"), dataAndStack, dataAndStack,
                (utime + stime) * (1_000_000 / TICKS_PER_SECOND), 0,
                new Statistics.Timeval(started.getEpochSecond(), started.getNano() / 1000));
        return new ProcessUsage(rusage, mem, kibibytes(statusValues, "VmRSS") * 1024);
    }

    /** pid, comm (which may hold spaces and parentheses), then the space-separated rest. */
    private List<String> statFields() throws MalformedProcFile {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 1 || close < open || close + 2 > stat.length()) {
            throw new MalformedProcFile("/proc/PID/stat has no \"(comm)\"");
        }
        List<String> rest = List.of(stat.substring(close + 2).trim().split(" +"));
        if (rest.size() + 2 < STAT_FIELDS) {
            throw new MalformedProcFile("/proc/PID/stat has " + (rest.size() + 2) + " fields, expected at least "
                    + STAT_FIELDS);
        }
        List<String> fields = new ArrayList<>(rest.size() + 2);
        fields.add(stat.substring(0, open).trim());
        fields.add(stat.substring(open + 1, close));
        fields.addAll(rest);
        return fields;
    }

    private static Statistics.Timeval timeval(long ticks) {
        return new Statistics.Timeval(ticks / TICKS_PER_SECOND,
                (int) ((ticks % TICKS_PER_SECOND) * 1_000_000 / TICKS_PER_SECOND));
    }

    private static Map<String, String> keyValues(String text) {
        Map<String, String> values = new HashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                values.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return values;
    }

    private static long kibibytes(Map<String, String> status, String key) throws MalformedProcFile {
        String value = status.getOrDefault(key, "0 kB");
        return number(value.endsWith(" kB") ? value.substring(0, value.length() - 3) : value, key);
    }

    private static long blocks(Map<String, String> io, String key) throws MalformedProcFile {
        return io.containsKey(key) ? number(io, key) / BLOCK_BYTES : 0;
    }

    private static long number(Map<String, String> values, String key) throws MalformedProcFile {
        String value = values.get(key);
        if (value == null) {
            throw new MalformedProcFile("no \"" + key + "\" in /proc/PID/status or io");
        }
        return number(value, key);
    }

    private static long number(String text, String what) throws MalformedProcFile {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new MalformedProcFile(what + " is not a number: \"" + text + "\"");
        }
    }

    /** The getrusage and kinfo_mem figures of a process, and its resident memory in bytes. */
    public record ProcessUsage(Statistics.ResourceUsage rusage, Statistics.KinfoMem kinfoMem, long residentBytes) {
    }
}
