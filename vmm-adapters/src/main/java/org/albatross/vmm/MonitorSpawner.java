package org.albatross.vmm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one long-lived process that starts every tender ({@code albatross-spawner}, a small C program of this module's
 * build; its source says what it does), started on the first launch and kept for the daemon's life. It leaves the
 * daemon's session at once, and is the parent of the tenders it starts: it records each one's exit in its run
 * directory, and outlives the daemon until the last of them has ended, so tenders outlive a daemon restart or crash.
 * A launch costs the tender's vfork and exec, no other process (a monitor process per tender, forked from a shell or
 * from this program, cost 3-4 ms more on this project's 2-core VMs, as much as a Solo5 guest's run).
 *
 * <p>A launch writes the tender's command line ({@code RUN_DIRECTORY/tender}: NUL-terminated strings, the CPUs to
 * pin it to, the environment's additions as NAME=VALUE, an empty string, then the argv, so any argument is taken
 * literally) and the run directory's path as one line to the spawner, which answers with the tender's pid. Once the
 * tender has ended and its exit file is written, the spawner tells its status on the same pipe ("exited PID STATUS"):
 * one thread ({@code albatross-spawner}) reads the pipe, hands each answer to the launch that waits for it and each
 * exit to the {@link Spawned#exit} of its tender. When the daemon ends, the spawner reads the end of its input, closes
 * its output and ends once its tenders have; the next daemon starts its own. A spawner that died is started again on
 * the next launch; once a spawner's output ends, the exits of its tenders still running complete exceptionally (not
 * told), and are found by their exit files.
 */
final class MonitorSpawner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MonitorSpawner.class);
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    static final String TENDER_FILE = "tender";
    private static final String EXITED = "exited ";

    private final List<String> command;
    private Running spawner;

    /** @param command starts the spawner: {@code albatross-spawner RUN_ROOT} */
    MonitorSpawner(List<String> command) {
        this.command = List.copyOf(command);
    }

    /**
     * Starts {@code argv} for the run directory {@code run}, pinned to {@code cpus} (none: not pinned), its console the
     * directory's FIFO.
     *
     * @return the tender's pid, and its exit status once the spawner tells it
     */
    synchronized Spawned spawn(RunDirectory run, List<String> argv, Map<String, String> environment, Set<Integer> cpus)
            throws IOException {
        Files.writeString(run.path().resolve(TENDER_FILE), tenderFile(argv, environment, cpus), StandardCharsets.UTF_8);
        String directory = run.path().toString();
        if (directory.contains("\n")) {
            throw new IOException("a run directory's path cannot hold a newline: " + directory);
        }
        Running running = ensureRunning();
        Answer told;
        try {
            running.requests.write((directory + "\n").getBytes(StandardCharsets.UTF_8));
            running.requests.flush();
            told = running.answers.take();
        } catch (IOException e) {
            stopSpawner();
            throw new IOException("the monitor spawner failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopSpawner();
            throw new IOException("interrupted while waiting for the monitor spawner", e);
        }
        if (told == Answer.ENDED) {
            stopSpawner();
            throw new IOException("the monitor spawner ended (" + command + "); the next launch starts it again");
        }
        String answer = told.line();
        int space = answer.indexOf(' ');
        if (space < 0 || !answer.substring(space + 1).equals(directory)) {
            throw new IOException("the monitor spawner answered \"" + answer + "\" for " + directory);
        }
        try {
            return new Spawned(Long.parseLong(answer.substring(0, space)), told.exit());
        } catch (NumberFormatException e) {
            throw new IOException("the monitor spawner answered no pid: " + answer, e);
        }
    }

    /** Lets the spawner go (it reads the end of its input); the tenders it started go on, and it with them. */
    @Override
    public synchronized void close() {
        stopSpawner();
    }

    /**
     * The tender's command line as the spawner's monitor reads it: the CPUs to pin it to ({@code 0,2}; empty for
     * none), each addition to the environment as NAME=VALUE, an empty string, then each word of the argv, every
     * string ended by a NUL (which no argument may hold).
     */
    static String tenderFile(List<String> argv, Map<String, String> environment, Set<Integer> cpus) {
        StringBuilder text = new StringBuilder(HostPlatform.cpuList(cpus)).append('\0');
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            if (!VARIABLE.matcher(variable.getKey()).matches()) {
                throw new IllegalArgumentException("not an environment variable name: " + variable.getKey());
            }
            text.append(nulFree(variable.getKey() + '=' + variable.getValue())).append('\0');
        }
        text.append('\0');
        argv.forEach(word -> text.append(nulFree(word)).append('\0'));
        return text.toString();
    }

    private static String nulFree(String word) {
        if (word.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a tender's argument or environment cannot hold a NUL: " + word);
        }
        return word;
    }

    private Running ensureRunning() throws IOException {
        if (spawner != null && spawner.process.isAlive()) {
            return spawner;
        }
        spawner = new Running(ProcessLauncher.startWith(command, Redirect.INHERIT));
        LOG.debug("monitor spawner started as process {}", spawner.process.pid());
        return spawner;
    }

    private void stopSpawner() {
        if (spawner == null) {
            return;
        }
        try {
            spawner.requests.close();
        } catch (IOException e) {
            LOG.debug("closing the monitor spawner's input: {}", e.getMessage());
        }
        spawner = null;
    }

    /**
     * A tender the spawner started: its pid, and its exit status, told by the spawner once it is recorded (completed
     * exceptionally if the spawner's output ends first: it tells nothing more).
     */
    record Spawned(long pid, CompletableFuture<Integer> exit) {
    }

    /**
     * A line the spawner answered, and the exit of the tender it names: made by the reader as it reads the answer, so
     * that the tender's exit, which the spawner tells after it, always finds it.
     */
    private record Answer(String line, CompletableFuture<Integer> exit) {
        /** The spawner's output ended: no answer will come. */
        static final Answer ENDED = new Answer("", new CompletableFuture<>());
    }

    /** One spawner process, its pipes, and the thread that reads its output. */
    private static final class Running {
        final Process process;
        final OutputStream requests;
        final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
        /** The exits not yet told, by the tender's pid. */
        final Map<Long, CompletableFuture<Integer>> exits = new ConcurrentHashMap<>();

        Running(Process process) {
            this.process = process;
            this.requests = process.getOutputStream();
            Thread reader = new Thread(this::read, "albatross-spawner");
            reader.setDaemon(true);
            reader.start();
        }

        /** Until the spawner closes its output (its input ended) or dies. */
        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith(EXITED)) {
                        tell(line);
                    } else {
                        answers.add(answer(line));
                    }
                }
            } catch (IOException e) {
                LOG.debug("reading the monitor spawner's output: {}", e.getMessage());
            } finally {
                answers.add(Answer.ENDED);
                IOException notTold = new IOException("the monitor spawner's output ended");
                exits.values().forEach(exit -> exit.completeExceptionally(notTold));
            }
        }

        private Answer answer(String line) {
            CompletableFuture<Integer> exit = new CompletableFuture<>();
            int space = line.indexOf(' ');
            try {
                long pid = Long.parseLong(space < 0 ? line : line.substring(0, space));
                if (pid > 0) {
                    exits.put(pid, exit);
                }
            } catch (NumberFormatException notAPid) {
                // The launch that waits for it says so.
            }
            return new Answer(line, exit);
        }

        /** "exited PID STATUS": the tender's exit file is written. */
        private void tell(String line) {
            String[] words = line.split(" ");
            try {
                CompletableFuture<Integer> exit = words.length == 3 ? exits.remove(Long.parseLong(words[1])) : null;
                if (exit == null) {
                    LOG.warn("the monitor spawner told an exit of no tender it started: {}", line);
                    return;
                }
                exit.complete(Integer.parseInt(words[2]));
            } catch (NumberFormatException e) {
                LOG.warn("the monitor spawner told an exit that does not read: {}", line);
            }
        }
    }
}
