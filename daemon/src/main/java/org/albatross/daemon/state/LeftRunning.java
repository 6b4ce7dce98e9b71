package org.albatross.daemon.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.albatross.daemon.store.AtomicFile;
import org.albatross.protocol.Name;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitors a daemon left running when it stopped with {@code shutdown = "leave"}, in {@code dbdir/left-running}:
 * one line {@code PID START-MILLIS NAME} each, so that the next daemon takes them over rather than starting the
 * unikernels a second time. The start time tells a monitor from a later process that got the same pid.
 */
public final class LeftRunning {
    private static final Logger LOG = LoggerFactory.getLogger(LeftRunning.class);

    private final Path file;

    public LeftRunning(Path dbdir) {
        this.file = dbdir.resolve("left-running");
    }

    /** Records the monitors of {@code pids}, by unikernel name. */
    public void record(Map<Name, Long> pids) throws IOException {
        StringBuilder lines = new StringBuilder();
        pids.forEach((name, pid) -> ProcessHandle.of(pid).flatMap(handle -> handle.info().startInstant())
                .ifPresent(start -> lines.append(pid).append(' ').append(start.toEpochMilli()).append(' ')
                        .append(name).append('\n')));
        AtomicFile.write(file, lines.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The recorded monitors that still run, by unikernel name; the record is removed, so that a later start does not
     * take over processes a second time.
     */
    public Map<Name, ProcessHandle> takeOver() throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException none) {
            return Map.of();
        }
        Map<Name, ProcessHandle> running = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] fields = line.split(" ", 3);
            if (fields.length == 3) {
                monitor(fields).ifPresent(handle -> running.put(Name.parse(fields[2]), handle));
            }
        }
        Files.delete(file);
        LOG.info("taking over {} unikernels the previous daemon left running: {}", running.size(), running.keySet());
        return running;
    }

    private static Optional<ProcessHandle> monitor(String[] fields) {
        try {
            Instant start = Instant.ofEpochMilli(Long.parseLong(fields[1]));
            return ProcessHandle.of(Long.parseLong(fields[0])).filter(ProcessHandle::isAlive)
                    .filter(handle -> handle.info().startInstant().map(start::equals).orElse(false));
        } catch (RuntimeException e) {
            LOG.warn("ignoring a line of the left-running record: {}", String.join(" ", fields));
            return Optional.empty();
        }
    }
}
