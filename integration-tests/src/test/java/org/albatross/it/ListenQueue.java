package org.albatross.it;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * A listening socket's queue of connections nobody has accepted yet, as ss(8) reports it (its Recv-Q): how a test
 * knows that connections were made while no daemon was there to take them.
 *
 * @param workDir where ss's output is kept while it runs
 */
record ListenQueue(Path workDir) {
    private static final Duration SS_WITHIN = Duration.ofSeconds(30);

    /** The connections waiting on the Unix socket listening at {@code path}; empty while nothing listens there. */
    OptionalInt unix(Path path) throws IOException, InterruptedException {
        return queued("-x", "src", path.toString());
    }

    /** The connections waiting on the TCP socket listening on {@code port}; empty while nothing listens there. */
    OptionalInt tcp(int port) throws IOException, InterruptedException {
        return queued("-t", "sport", "=", ":" + port);
    }

    // "ss -H -l -x src PATH" prints one line per listening socket: Netid State Recv-Q ... (Netid only with -x).
    private OptionalInt queued(String family, String... filter) throws IOException, InterruptedException {
        String[] command = new String[4 + filter.length];
        command[0] = "ss";
        command[1] = "-H";
        command[2] = "-l";
        command[3] = family;
        System.arraycopy(filter, 0, command, 4, filter.length);
        ShellCommand.Result listed = ShellCommand.in(workDir, command).run(SS_WITHIN);
        if (listed.exit() != 0) {
            throw new AssertionError(String.join(" ", command) + ": " + listed);
        }
        String line = listed.out().strip();
        if (line.isEmpty()) {
            return OptionalInt.empty();
        }
        String[] fields = line.split("\\s+");
        return OptionalInt.of(Integer.parseInt(fields[fields[0].equals("LISTEN") ? 1 : 2]));
    }
}
