package org.albatross.vmm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A process told apart from a later one that got the same pid: by its pid and its start time, in milliseconds as the
 * JDK's {@link ProcessHandle.Info#startInstant} gives it (so records written either way compare equal).
 *
 * <p>On Linux the start time is read from {@code /proc/PID/stat} here: the JDK's {@code info()} also reads the
 * process's command line and looks its user up in {@code /etc/passwd}, a millisecond on the launch path of a tender
 * that runs for a few. This reading is checked once against the JDK's for this JVM's own process, and the JDK's is
 * used when they differ (another kernel's clock tick, say).
 */
public final class TenderIdentity {
    /** Linux's USER_HZ, the unit of a start time in /proc/PID/stat: 100 on every architecture it runs on here. */
    private static final long TICKS_PER_SECOND = 100;
    /** The start time's field in /proc/PID/stat, counted from 1 as proc(5) does. */
    private static final int START_TIME_FIELD = 22;
    private static final OptionalLong BOOT_MILLIS = bootMillis();
    private static final boolean PROC_STAT_AGREES = ProcessHandle.current().info().startInstant()
            .equals(procStatStart(ProcessHandle.current().pid()));

    private TenderIdentity() {
    }

    /** The start time of process {@code pid}, when it runs. */
    public static Optional<Instant> startOf(long pid) {
        return PROC_STAT_AGREES ? procStatStart(pid)
                : ProcessHandle.of(pid).flatMap(handle -> handle.info().startInstant());
    }

    /** The start time field of /proc/PID/stat, after the boot time of /proc/stat; empty when gone. */
    private static Optional<Instant> procStatStart(long pid) {
        if (BOOT_MILLIS.isEmpty()) {
            return Optional.empty();
        }
        try {
            return ShortFile.read(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII)
                    .flatMap(TenderIdentity::startTime);
        } catch (IOException gone) {
            return Optional.empty();
        }
    }

    /** The start time in a /proc/PID/stat line. */
    private static Optional<Instant> startTime(String stat) {
        Optional<String> field = ProcStat.field(stat, START_TIME_FIELD);
        try {
            return field.isEmpty() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(BOOT_MILLIS.getAsLong()
                    + Long.parseLong(field.get()) * 1000 / TICKS_PER_SECOND));
        } catch (NumberFormatException unreadable) {
            return Optional.empty();
        }
    }

    private static OptionalLong bootMillis() {
        try {
            return Files.readAllLines(Path.of("/proc/stat"), StandardCharsets.US_ASCII).stream()
                    .filter(line -> line.startsWith("btime ")).mapToLong(line -> Long.parseLong(line.substring(6)
                            .strip()) * 1000).findFirst();
        } catch (IOException | RuntimeException notLinux) {
            return OptionalLong.empty();
        }
    }

    /**
     * The start time of process {@code pid} when it is the tender of the run directory {@code directory}: its
     * standard output is that directory's console FIFO (which the spawner opened for it). That tells it apart from a
     * later process that got the same pid, for a tender whose start time nobody recorded.
     */
    public static Optional<Instant> startOfTenderIn(long pid, Path directory) {
        Path console = directory.toAbsolutePath().resolve("console");
        return writesTo(pid, console) ? startOf(pid) : Optional.empty();
    }

    /** Whether process {@code pid}'s standard output is {@code file} (Linux's /proc/PID/fd/1). */
    static boolean writesTo(long pid, Path file) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "fd", "1")).equals(file);
        } catch (IOException | UnsupportedOperationException gone) {
            return false;
        }
    }

    /**
     * Whether process {@code pid} runs and is the one that started at {@code started}: one read of its start time (a
     * restore asks it of every tender it adopts), no handle.
     */
    public static boolean isRunning(long pid, Instant started) {
        return startOf(pid).map(started::equals).orElse(false);
    }

    /**
     * The process {@code pid} if it runs and is the one that started at {@code started}. The handle first, its start
     * time after: a handle is then never one of a later process with the pid. ({@link ProcessHandle#of} gives none of a
     * process that has ended.)
     */
    public static Optional<ProcessHandle> handle(long pid, Instant started) {
        return ProcessHandle.of(pid).filter(handle -> isRunning(pid, started));
    }
}
