package org.albatross.it;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A daemon's dbdir on a small tmpfs in a private mount namespace, so that a test can fill it up or make it read-only
 * without touching the host. A holder process ({@code unshare -m}, then {@code sleep}) keeps the namespace and its
 * tmpfs alive across daemon restarts; daemons run in it through {@link #prefix()} ({@code nsenter -m}), and the test
 * sees the tmpfs through {@code /proc/HOLDER/root}. Needs root (CAP_SYS_ADMIN): {@link #mount} says why not.
 */
final class PrivateDbdir implements AutoCloseable {
    private static final Duration COMMAND_WITHIN = Duration.ofSeconds(20);

    private final Path dbdir;
    private final Process holder;

    private PrivateDbdir(Path dbdir, Process holder) {
        this.dbdir = dbdir;
        this.holder = holder;
    }

    /** Mounts a tmpfs of {@code size} (e.g. {@code 4m}) over {@code dbdir} in a new mount namespace. */
    static PrivateDbdir mount(Path dbdir, String size) throws IOException {
        Process holder = new ProcessBuilder("unshare", "-m", "--propagation", "private", "sh", "-c",
                "mount -t tmpfs -o size=" + size + " tmpfs \"$0\" && echo mounted && exec sleep 100000",
                dbdir.toString()).redirectErrorStream(true).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                StandardCharsets.UTF_8));
        String first = output.readLine();
        if (!"mounted".equals(first)) {
            holder.destroyForcibly();
            throw new NotPermitted("cannot mount a tmpfs in a private mount namespace (unshare -m, as root): "
                    + first);
        }
        return new PrivateDbdir(dbdir, holder);
    }

    /** The command that runs what follows it inside the namespace, as the same process. */
    List<String> prefix() {
        return List.of("nsenter", "-t", Long.toString(holder.pid()), "-m", "--");
    }

    /** {@code file} under dbdir as the test reaches it: on the tmpfs, through the holder's view of the tree. */
    Path path(Path file) {
        return Path.of("/proc/" + holder.pid() + "/root" + file.toAbsolutePath());
    }

    /** Fills the tmpfs up with a file of its own, until the file system says it has no space left. */
    void fill() throws IOException {
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream filler = Files.newOutputStream(filler())) {
            while (true) {
                filler.write(chunk);
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left on device")) {
                throw full;
            }
        }
    }

    /** Gives the space back. */
    void free() throws IOException {
        Files.delete(filler());
    }

    /**
     * Makes dbdir read-only for everything opened from now on: a read-only bind mount over it. (A read-only remount
     * of the tmpfs itself is refused, "mount point is busy", while the daemon holds its event log segment open for
     * writing.)
     */
    void makeReadOnly() {
        inNamespace("mount", "--bind", dbdir.toString(), dbdir.toString());
        inNamespace("mount", "-o", "bind,remount,ro", dbdir.toString());
    }

    /**
     * Makes dbdir writable again, as an operator remounts a file system read-write: the bind mount stays, writable
     * now. (Unmounting it would wait for every file the daemon opened on it meanwhile, its event log segment and
     * console files among them.)
     */
    void makeWritable() {
        inNamespace("mount", "-o", "bind,remount,rw", dbdir.toString());
    }

    @Override
    public void close() {
        holder.destroyForcibly();
        holder.onExit().orTimeout(COMMAND_WITHIN.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    private Path filler() {
        return path(dbdir.resolve("filler"));
    }

    private void inNamespace(String... command) {
        List<String> line = new ArrayList<>(prefix());
        line.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            await(String.join(" ", line)).atMost(COMMAND_WITHIN).until(() -> !process.isAlive());
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", line) + " exited " + process.exitValue() + ": "
                        + output.strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", line) + " could not run", e);
        }
    }

    /** Mounting is not permitted here; the message says what failed. */
    static final class NotPermitted extends IOException {
        NotPermitted(String message) {
            super(message);
        }
    }

    /** Whether this machine lets the test mount in a private namespace, and if not why. */
    static Optional<String> unavailable(Path probe) {
        try (PrivateDbdir ignored = mount(probe, "64k")) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e.getMessage());
        }
    }
}
