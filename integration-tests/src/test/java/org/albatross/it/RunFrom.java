package org.albatross.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Processes found by their command line: those that name a file under a directory (a test's files). */
final class RunFrom {
    private static final Duration EXIT_WITHIN = Duration.ofSeconds(30);

    private RunFrom() {
    }

    /** The live processes with an argument under {@code root}, this JVM's own aside. */
    static List<ProcessHandle> processes(Path root) {
        String prefix = root.toAbsolutePath().toString() + "/";
        return ProcessHandle.allProcesses().filter(process -> process.pid() != ProcessHandle.current().pid())
                .filter(process -> process.info().arguments()
                        .map(arguments -> Arrays.stream(arguments).anyMatch(argument -> argument.startsWith(prefix)))
                        .orElse(false))
                .toList();
    }

    /** Whether {@code process} is a daemon's spawner (the tenders' parent), which leads its session (setsid). */
    static boolean isSpawner(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[3]) == process.pid();
        } catch (IOException | RuntimeException gone) {
            return false;
        }
    }



    /**
     * The name on disk of the run directory a VMM belongs to: its standard output is that directory's console FIFO,
     * which its spawner opened for it (the VMM's command line names only its image).
     */
    static Optional<String> runDirectoryOf(ProcessHandle vmm) {
        try {
            Path console = Files.readSymbolicLink(Path.of("/proc", Long.toString(vmm.pid()), "fd", "1"));
            return console.getFileName().toString().equals("console")
                    ? Optional.of(console.getParent().getFileName().toString()) : Optional.empty();
        } catch (IOException gone) {
            return Optional.empty();
        }
    }

    /**
     * SIGKILLs what runs from {@code root}, the spawners first so that none records its VMM's end, and waits. A VMM
     * that exec'd away from its command line (a stand-in's sleep) is found only as a spawner's child, so descendants
     * are listed before any spawner dies.
     */
    static void killAll(Path root) {
        List<ProcessHandle> found = processes(root);
        List<ProcessHandle> vmms = found.stream().flatMap(ProcessHandle::descendants).toList();
        found.stream().filter(RunFrom::isSpawner).forEach(ProcessHandle::destroyForcibly);
        found.forEach(ProcessHandle::destroyForcibly);
        vmms.forEach(ProcessHandle::destroyForcibly);
        Stream.concat(found.stream(), vmms.stream())
                .forEach(process -> process.onExit().orTimeout(EXIT_WITHIN.toMillis(), TimeUnit.MILLISECONDS).join());
    }
}
