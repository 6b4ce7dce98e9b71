package org.albatross.daemon.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted for one test, to give a full or read-only file system for real. Needs root (or
 * CAP_SYS_ADMIN); {@link #mount} is empty where mounting is not permitted, and the test is skipped.
 */
public final class TmpfsMount implements AutoCloseable {
    private final Path mountPoint;

    private TmpfsMount(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    public static Optional<TmpfsMount> mount(Path mountPoint, String options) {
        return run("mount", "-t", "tmpfs", "-o", options, "tmpfs", mountPoint.toString()).isEmpty()
                ? Optional.of(new TmpfsMount(mountPoint))
                : Optional.empty();
    }

    /** Makes the mounted file system read-only; the reason it could not, if so. */
    public Optional<String> remountReadOnly() {
        return run("mount", "-o", "remount,ro", mountPoint.toString());
    }

    @Override
    public void close() {
        run("umount", mountPoint.toString()).ifPresent(failure -> {
            throw new IllegalStateException("cannot unmount the test's tmpfs at " + mountPoint + ": " + failure);
        });
    }

    /** Runs a command; empty on success, else what it printed. */
    private static Optional<String> run(String... command) {
        List<String> line = new ArrayList<>(List.of(command));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.of(String.join(" ", line) + " did not finish within 10 s");
            }
            return process.exitValue() == 0 ? Optional.empty()
                    : Optional.of(String.join(" ", line) + " exited " + process.exitValue() + ": " + output.strip());
        } catch (IOException e) {
            return Optional.of(String.join(" ", line) + " could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(String.join(" ", line) + " was interrupted");
        }
    }
}
