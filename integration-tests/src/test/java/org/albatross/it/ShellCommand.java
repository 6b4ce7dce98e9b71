package org.albatross.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * A program of the distribution or a script of the repository run as a user runs it: in a working directory, with
 * extra environment variables, its standard output and error going to files in that directory so that nothing blocks
 * on a full pipe.
 */
record ShellCommand(Path workDir, Map<String, String> environment, List<String> command) {

    /** What a finished command printed and how it ended. */
    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- standard output:\n" + out + "\n--- standard error:\n" + err;
        }
    }

    /** A command that has been started, and the files its output goes to. */
    record Started(Process process, Path outFile, Path errFile) {
        String out() {
            return read(outFile);
        }

        String err() {
            return read(errFile);
        }

        /** Both outputs, for an assertion's message. */
        String output() {
            return "--- standard output:\n" + out() + "\n--- standard error:\n" + err();
        }

        /** Waits until standard output or error holds {@code text}, failing at once if the command ends first. */
        void awaitOutput(String text, Duration within) {
            try {
                await("the command prints \"" + text + "\"").atMost(within).pollInterval(Duration.ofMillis(200))
                        .failFast("the command ended first", () -> !process.isAlive() && !printed(text))
                        .until(() -> printed(text));
            } catch (ConditionTimeoutException | TerminalFailureException e) {
                throw new AssertionError(e.getMessage() + "\n" + output(), e);
            }
        }

        /** Waits for the end; fails with the output if it does not come within {@code within}. */
        Result awaitExit(Duration within) throws InterruptedException {
            if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the command did not end within " + within + ":\n" + output());
            }
            return new Result(process.exitValue(), out(), err());
        }

        private boolean printed(String text) {
            return out().contains(text) || err().contains(text);
        }

        private static String read(Path file) {
            try {
                return Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static ShellCommand in(Path workDir, String... command) {
        return new ShellCommand(workDir, Map.of(), List.of(command));
    }

    ShellCommand with(String variable, String value) {
        Map<String, String> more = new HashMap<>(environment);
        more.put(variable, value);
        return new ShellCommand(workDir, Map.copyOf(more), command);
    }

    Started start() throws IOException {
        Path out = Files.createTempFile(workDir, "command", ".out");
        Path err = Files.createTempFile(workDir, "command", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment);
        return new Started(builder.start(), out, err);
    }

    /** Runs the command to its end, at most {@code within}. */
    Result run(Duration within) throws IOException, InterruptedException {
        Started started = start();
        try {
            return started.awaitExit(within);
        } finally {
            started.process().destroyForcibly();
            Files.deleteIfExists(started.outFile());
            Files.deleteIfExists(started.errFile());
        }
    }
}
