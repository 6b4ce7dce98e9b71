package org.albatross.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.albatross.vmm.testing.OrphanReaper;

/**
 * Where one test daemon keeps everything: its configuration, dbdir, tmpdir, socket and captured output, all under
 * one directory, so a daemon started again over the same files finds the state its predecessor left. Whatever runs
 * from that directory (the daemon, its spawner and VMMs) ends with this JVM ({@link OrphanReaper}).
 */
public record DaemonFiles(Path root) {
    /** The delay before every restart: short, as a test waits for the restart. */
    static final String RESTART_BACKOFF = "50ms";
    /** Restarts allowed per hour before a boot loop is stopped. */
    static final int RESTART_BUDGET = 3;
    /** Solo5's targets off: the test kernel needs QEMU only. */
    private static final String NO_SOLO5 = "hvt = false\nspt = false\n";

    public static DaemonFiles createUnder(Path parent) throws IOException {
        return createUnder(parent, "");
    }

    /** The files, with {@code moreToml} (e.g. a {@code [tls]} section) appended to the configuration. */
    public static DaemonFiles createUnder(Path parent, String moreToml) throws IOException {
        return createUnder(parent, NO_SOLO5, moreToml);
    }

    /** The files of a daemon that runs Solo5 images: {@code solo5} is the body of its {@code [adapters.solo5]}. */
    public static DaemonFiles withSolo5(Path parent, String solo5) throws IOException {
        return createUnder(parent, solo5, "");
    }

    private static DaemonFiles createUnder(Path parent, String solo5, String moreToml) throws IOException {
        DaemonFiles files = new DaemonFiles(OrphanReaper.watch(parent));
        Files.createDirectories(files.dbdir());
        Files.createDirectories(files.tmpdir());
        Files.writeString(files.config(), files.toml(solo5) + moreToml);
        return files;
    }

    /**
     * Moves the daemon's tmpdir (its socket and run directories) to {@code directory}, linked from where the
     * configuration names it; before the daemon starts.
     */
    public DaemonFiles withRuntimeIn(Path directory) throws IOException {
        Files.delete(tmpdir());
        Files.createSymbolicLink(tmpdir(), directory);
        return this;
    }

    public Path config() {
        return root.resolve("albatrossd.toml");
    }

    public Path dbdir() {
        return root.resolve("db");
    }

    Path tmpdir() {
        return root.resolve("run");
    }

    /** Kept short: a Unix socket path must fit in 108 bytes. */
    public Path socket() {
        return tmpdir().resolve("vmmd.sock");
    }

    /** The daemon's standard output and error, appended to by every daemon started over these files. */
    public Path log() {
        return root.resolve("albatrossd.log");
    }

    /**
     * QEMU under TCG runs the test kernel, Solo5 as {@code solo5} says; restarts are fast and the budget small so that
     * a boot loop ends within a test.
     */
    private String toml(String solo5) {
        return """
                dbdir = "%s"
                tmpdir = "%s"
                shutdown = "stop"

                [socket]
                path = "%s"

                [adapters.solo5]
                %s
                [adapters.qemu]
                enabled = true
                accelerator = "tcg"

                [restart]
                initial-backoff = "%s"
                max-backoff = "%s"
                budget = %d
                budget-window = "1h"

                [log]
                level = "info"
                """.formatted(dbdir(), tmpdir(), socket(), solo5, RESTART_BACKOFF, RESTART_BACKOFF, RESTART_BUDGET);
    }
}
