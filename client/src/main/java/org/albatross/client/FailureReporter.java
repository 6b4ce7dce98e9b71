package org.albatross.client;

import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import org.albatross.client.transport.CommandFailed;
import org.albatross.client.transport.TransportError;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns whatever a command throws into one line on standard error and albatross's exit code; the stack trace only
 * with {@code --verbose}.
 */
final class FailureReporter implements IExecutionExceptionHandler {
    static final String VERBOSE = "--verbose";

    @Override
    public int handleExecutionException(Exception failure, CommandLine command, ParseResult parsed) {
        ExitStatus status = statusOf(failure);
        PrintWriter err = command.getErr();
        err.println("albatross-client: " + lineOf(failure, status));
        if (parsed.originalArgs().contains(VERBOSE)) {
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
        if (failure instanceof IllegalArgumentException || failure instanceof CommandLine.ParameterException
                || failure instanceof FileSystemException) {
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
