package org.albatross.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.albatross.client.AlbatrossClient;

/**
 * albatross-client as the tests run it: in-process with captured streams (fast), or as its own
 * process ({@code java -cp <this JVM's class path> org.albatross.client.AlbatrossClient}), as a user runs it.
 */
final class ClientCli {
    /** A client JVM's start and its command on a machine loaded to 20: tens of seconds. */
    private static final Duration PROCESS_WITHIN = Duration.ofMinutes(3);

    /** What one run printed and how it ended. */
    record Run(int exit, String out, String err) {
    }

    private ClientCli() {
    }

    static Run inProcess(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = AlbatrossClient.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** Runs the client as a process to its end. */
    static Run process(Path workDir, String... args) throws IOException, InterruptedException {
        return start(workDir, args).awaitEnd(PROCESS_WITHIN);
    }

    /** Starts the client as a process (e.g. to follow a console) with its output going to files. */
    static Started start(Path workDir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                AlbatrossClient.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(workDir, "client", ".out");
        Path err = Files.createTempFile(workDir, "client", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new Started(List.of(args), process, out, err);
    }

    /** A client process, its arguments and the files its standard output and error go to. */
    record Started(List<String> args, Process process, Path outFile, Path errFile) implements AutoCloseable {
        String out() {
            return read(outFile);
        }

        String err() {
            return read(errFile);
        }

        /** Waits for the client to end, at most {@code within}; it is killed if it does not. */
        Run awaitEnd(Duration within) throws InterruptedException {
            if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("albatross-client " + String.join(" ", args) + " did not end within "
                        + within + "; it printed: " + out());
            }
            return new Run(process.exitValue(), out(), err());
        }

        /** Waits until the client has printed {@code text}, failing at once if it exits first. */
        void awaitOutput(String text, Duration within) {
            await("albatross-client prints \"" + text + "\"").atMost(within).pollInterval(Duration.ofMillis(100))
                    .failFast("albatross-client ended: " + err(), () -> !process.isAlive() && !out().contains(text))
                    .until(() -> out().contains(text));
        }

        @Override
        public void close() {
            process.destroy();
        }

        private static String read(Path file) {
            try {
                return Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
