package org.albatross.client;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A command line that cannot be used: one line on standard error saying what is wrong and where the help is, exit
 * code 124 (cmdliner's, as albatross's client). picocli's own handler printed the whole usage after its message.
 */
final class UsageError implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException failure, String[] args) {
        PrintWriter err = failure.getCommandLine().getErr();
        err.println("albatross-client: " + lineOf(failure));
        if (List.of(args).contains(FailureReporter.VERBOSE)) {
            failure.printStackTrace(err);
        }
        err.flush();
        return ExitCode.CLI_FAILED.code();
    }

    static String lineOf(ParameterException failure) {
        CommandLine command = failure.getCommandLine();
        String help = command.getCommandSpec().qualifiedName() + " --help";
        if (failure instanceof UnmatchedArgumentException unmatched && command.getParent() == null
                && !unmatched.isUnknownOption()) {
            return "unknown command '" + unmatched.getUnmatched().get(0) + "'" + suggested(unmatched)
                    + "; albatross-client --help lists the commands";
        }
        // picocli ends some messages with a full stop, which the hint after it would follow
        String message = String.valueOf(failure.getMessage()).lines().findFirst().orElse("").strip()
                .replaceFirst("\\.$", "");
        String suggestion = failure instanceof UnmatchedArgumentException unmatched ? suggested(unmatched) : "";
        return message + suggestion + "; see " + help;
    }

    private static String suggested(UnmatchedArgumentException unmatched) {
        List<String> suggestions = unmatched.getSuggestions();
        return suggestions.isEmpty() ? "" : " (did you mean " + String.join(" or ", suggestions) + "?)";
    }
}
