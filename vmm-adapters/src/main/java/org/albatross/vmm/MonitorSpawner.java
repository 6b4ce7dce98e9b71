package org.albatross.vmm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one long-lived shell that forks every tender's monitor ({@code spawner.sh}), started on the first launch in a
 * session of its own and kept for the daemon's life: a launch costs two forks of a small shell (the monitor, the
 * tender) and the tender's exec, rather than the JVM's spawn of {@code setsid}, a shell and its fork (on this
 * project's 2-core VMs each exec of a dynamic program costs a few milliseconds, as much as a Solo5 guest's run).
 *
 * <p>A launch writes the tender's command line as a shell fragment ({@code RUN_DIRECTORY/tender}, single-quoted, so
 * any argument is taken literally) and the run directory's path as one line to the spawner, which answers with the
 * tender's pid. When the daemon ends, the spawner reads the end of its input and ends; the monitors go on. A spawner
 * that died is started again on the next launch.
 */
final class MonitorSpawner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MonitorSpawner.class);
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    static final String TENDER_FRAGMENT = "tender";

    private final List<String> command;
    private Process spawner;
    private OutputStream requests;
    private BufferedReader answers;

    /** @param command starts the spawner script in a session of its own: {@code setsid sh spawner.sh} */
    MonitorSpawner(List<String> command) {
        this.command = List.copyOf(command);
    }

    /**
     * Starts {@code argv} under a monitor for the run directory {@code run}, its console the directory's FIFO.
     *
     * @return the tender's pid
     */
    synchronized long spawn(RunDirectory run, List<String> argv, Map<String, String> environment)
            throws IOException {
        Files.writeString(run.path().resolve(TENDER_FRAGMENT), fragment(argv, environment), StandardCharsets.UTF_8);
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

    /** Ends the spawner (it reads the end of its input); the monitors it started go on. */
    @Override
    public synchronized void close() {
        stopSpawner();
    }

    /**
     * The tender's command line as the spawner's monitor sources it: {@code export} lines, then {@code set --} with
     * every word single-quoted (a quote inside written as {@code '\''}), which no character can escape from.
     */
    static String fragment(List<String> argv, Map<String, String> environment) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            if (!VARIABLE.matcher(variable.getKey()).matches()) {
                throw new IllegalArgumentException("not an environment variable name: " + variable.getKey());
            }
            text.append("export ").append(variable.getKey()).append('=').append(quoted(variable.getValue()))
                    .append('\n');
        }
        text.append("set --");
        argv.forEach(word -> text.append(' ').append(quoted(word)));
        return text.append('\n').toString();
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
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
