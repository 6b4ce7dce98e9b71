package org.albatross.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The tender processes (VMMs and whatever runs them) of one test daemon, found by scanning {@code /proc} for command
 * lines that mention its tmpdir, where every unikernel's run directory and image lie. The daemon's own command line
 * names only its configuration file, so it is never among them.
 */
final class Tenders {
    private static final Duration EXIT_WITHIN = Duration.ofSeconds(30);

    private Tenders() {
    }

    /** A tender process and its arguments joined by spaces. */
    record Tender(ProcessHandle process, String commandLine) {
        /** Whether it runs the unikernel whose run directory is named {@code nameOnDisk}. */
        boolean runs(String nameOnDisk) {
            return commandLine.contains("/" + nameOnDisk + "/");
        }
    }

    /** The processes whose command line mentions {@code files}' tmpdir. */
    static List<Tender> of(DaemonFiles files) {
        String marker = files.tmpdir().toString() + "/";
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(dir -> dir.getFileName().toString().chars().allMatch(Character::isDigit))
                    .flatMap(dir -> commandLine(dir).filter(line -> line.contains(marker))
                            .flatMap(line -> ProcessHandle.of(Long.parseLong(dir.getFileName().toString()))
                                    .map(process -> new Tender(process, line))).stream())
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
    }

    /** SIGKILLs every tender of {@code files} and waits until they are gone. */
    static void killAll(DaemonFiles files) {
        List<ProcessHandle> tenders = of(files).stream().map(Tender::process).toList();
        tenders.forEach(ProcessHandle::destroyForcibly);
        tenders.forEach(tender -> tender.onExit().orTimeout(EXIT_WITHIN.toMillis(), TimeUnit.MILLISECONDS).join());
    }

    /** The process's arguments joined by spaces; empty when it ended meanwhile or is a kernel thread. */
    private static Optional<String> commandLine(Path process) {
        try {
            byte[] raw = Files.readAllBytes(process.resolve("cmdline"));
            return Optional.of(new String(raw, StandardCharsets.UTF_8).replace('\0', ' '));
        } catch (IOException endedOrHidden) {
            return Optional.empty();
        }
    }
}
