package org.albatross.client;

import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import java.util.List;
import org.albatross.client.transport.CommandFailed;
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
        ExitStatus status = statusOf(failure);
        err.println("albatross-client: " + lineOf(failure, status));
        if (args.contains(VERBOSE)) {
            failure.printStackTrace(err);
        }
        err.flush();
        return status.code();
    }

    static ExitStatus statusOf(Exception failure) {
        if (failure instanceof ClientFailure client) {
            return client.status();
        }
        if (failure instanceof TransportError transport) {
            return ExitStatus.of(transport.reason());
        }
        if (failure instanceof CommandFailed) {
            return ExitStatus.REMOTE_COMMAND_FAILED;
        }
        // A file problem no command anticipated is still about a file the user named: the client has no others.
        if (failure instanceof IllegalArgumentException || failure instanceof FileSystemException) {
            return ExitStatus.CLI_FAILED;
        }
        return ExitStatus.INTERNAL_ERROR;
    }

    private static String lineOf(Exception failure, ExitStatus status) {
        if (failure instanceof FileSystemException file) {
            return UserFile.lineOf(file);
        }
        String message = String.valueOf(failure.getMessage()).replace('\n', ' ');
        if (failure instanceof CommandFailed) {
            return "the daemon refused: " + message;
        }
        if (status == ExitStatus.INTERNAL_ERROR) {
            return "internal error (" + failure.getClass().getSimpleName() + "): " + message
                    + " - run again with --verbose and report it";
        }
        return message;
    }
}
