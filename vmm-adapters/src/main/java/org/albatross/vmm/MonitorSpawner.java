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
 * literally) and the run directory's path as one line to the spawner, which answers with the tender's pid. When the
 * daemon ends, the spawner reads the end of its input and ends once its tenders have; the next daemon starts its own.
 * A spawner that died is started again on the next launch.
 */
final class MonitorSpawner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MonitorSpawner.class);
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    static final String TENDER_FILE = "tender";

    private final List<String> command;
    private Process spawner;
    private OutputStream requests;
    private BufferedReader answers;

    /** @param command starts the spawner: {@code albatross-spawner RUN_ROOT} */
    MonitorSpawner(List<String> command) {
        this.command = List.copyOf(command);
    }

    /**
     * Starts {@code argv} under a monitor for the run directory {@code run}, pinned to {@code cpus} (none: not
     * pinned), its console the directory's FIFO.
     *
     * @return the tender's pid
     */
    synchronized long spawn(RunDirectory run, List<String> argv, Map<String, String> environment, Set<Integer> cpus)
            throws IOException {
        Files.writeString(run.path().resolve(TENDER_FILE), tenderFile(argv, environment, cpus), StandardCharsets.UTF_8);
        String directory = run.path().toString();
        if (directory.contains("\n")) {
            throw new IOException("a run directory's path cannot hold a newline: " + directory);
        }
        ensureRunning();
        String answer;
        try {
            requests.write((directory + "\n").getBytes(StandardCharsets.UTF_8));
            requests.flush();
            answer = answers.readLine();
        } catch (IOException e) {
            stopSpawner();
            throw new IOException("the monitor spawner failed: " + e.getMessage(), e);
        }
        if (answer == null) {
            stopSpawner();
            throw new IOException("the monitor spawner ended (" + command + "); the next launch starts it again");
        }
        int space = answer.indexOf(' ');
        if (space < 0 || !answer.substring(space + 1).equals(directory)) {
            throw new IOException("the monitor spawner answered \"" + answer + "\" for " + directory);
        }
        try {
            return Long.parseLong(answer.substring(0, space));
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

    private void ensureRunning() throws IOException {
        if (spawner != null && spawner.isAlive()) {
            return;
        }
        spawner = ProcessLauncher.startWith(command, Redirect.INHERIT);
        requests = spawner.getOutputStream();
        answers = new BufferedReader(new InputStreamReader(spawner.getInputStream(), StandardCharsets.UTF_8));
        LOG.debug("monitor spawner started as process {}", spawner.pid());
    }

    private void stopSpawner() {
        if (spawner == null) {
            return;
        }
        try {
            requests.close();
        } catch (IOException e) {
            LOG.debug("closing the monitor spawner's input: {}", e.getMessage());
        }
        spawner = null;
    }
}
