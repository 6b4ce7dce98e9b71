package org.albatross.it;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Processes found by their command line: those that name a file under a directory (a test's files). */
final class RunFrom {
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

    /** Whether {@code process} is a shell, e.g. a tender's monitor rather than the tender. */
    static boolean isShell(ProcessHandle process) {
        return process.info().command().map(command -> command.endsWith("sh")).orElse(false);
    }
}
