package org.albatross.client;

import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import java.util.List;
import org.albatross.client.transport.CommandRefused;
import org.albatross.client.transport.TransportError;

/**
 * Turns whatever a command throws into one line on standard error and albatross's exit code; the stack trace only
 * with {@code --verbose}.
 */
final class FailureReporter {
    static final String VERBOSE = "--verbose";

    private FailureReporter() {
    }

    /** Reports {@code failure} of the command line {@code args} on {@code err}; answers the exit code. */
    static int report(Exception failure, PrintWriter err, List<String> args) {
        ExitCode status = statusOf(failure);
        err.println("albatross-client: " + lineOf(failure, status));
        if (args.contains(VERBOSE)) {
            failure.printStackTrace(err);
        }
        err.flush();
        return status.code();
    }

    static ExitCode statusOf(Exception failure) {
        if (failure instanceof ClientFailure client) {
            return client.status();
        }
        if (failure instanceof TransportError transport) {
            return ExitCode.of(transport.reason());
        }
        if (failure instanceof CommandRefused) {
            return ExitCode.REMOTE_COMMAND_FAILED;
        }
        // A file problem no command anticipated is still about a file the user named: the client has no others.
        if (failure instanceof IllegalArgumentException || failure instanceof FileSystemException) {
            return ExitCode.CLI_FAILED;
        }
        return ExitCode.INTERNAL_ERROR;
    }

    private static String lineOf(Exception failure, ExitCode status) {
        if (failure instanceof FileSystemException file) {
            return UserFile.lineOf(file);
        }
        String message = String.valueOf(failure.getMessage()).replace('\n', ' ');
        if (failure instanceof CommandRefused) {
            return "the daemon refused: " + message;
        }
        if (status == ExitCode.INTERNAL_ERROR) {
            return "internal error (" + failure.getClass().getSimpleName() + "): " + message
                    + " - run again with --verbose and report it";
        }
        return message;
    }
}
