package org.albatross.it.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** {@code jcmd PID COMMAND} of this JVM's JDK, which is the JDK the daemon runs on: its output. */
final class Jcmd {
    private Jcmd() {
    }

    static String run(ProcessHandle process, String... command) throws IOException, InterruptedException {
        String[] full = new String[command.length + 2];
        full[0] = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        full[1] = Long.toString(process.pid());
        System.arraycopy(command, 0, full, 2, command.length);
        Process jcmd = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!jcmd.waitFor(1, TimeUnit.MINUTES) || jcmd.exitValue() != 0) {
            throw new IOException(String.join(" ", full) + " failed:\n" + output);
        }
        return output;
    }
}
