package org.albatross.vmm;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The files through which the monitor script and the daemon meet, all in a unikernel's run directory: the console
 * FIFO the daemon makes, the tender's pid and its exit status the monitor writes, and the script itself.
 */
public record MonitorFiles(Path directory) {
    public MonitorFiles {
        Objects.requireNonNull(directory, "directory");
    }

    public Path console() {
        return directory.resolve("console");
    }

    public Path pid() {
        return directory.resolve("pid");
    }

    public Path exit() {
        return directory.resolve("exit");
    }

    Path script() {
        return directory.resolve("monitor.sh");
    }
}
