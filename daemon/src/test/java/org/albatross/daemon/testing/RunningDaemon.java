package org.albatross.daemon.testing;

import java.nio.file.Path;
import java.util.Map;
import org.albatross.config.ConfigLoader;
import org.albatross.config.DaemonConfig;
import org.albatross.daemon.Daemon;
import org.albatross.daemon.endpoint.activation.InheritedSockets;
import org.albatross.vmm.testing.OrphanReaper;

/**
 * An in-process daemon with its directories under a test's temporary directory, QEMU on TCG; the tenders it starts
 * there end with this JVM ({@link OrphanReaper}).
 */
public final class RunningDaemon implements AutoCloseable {
    private final Daemon daemon;
    private final DaemonConfig config;

    private RunningDaemon(Daemon daemon, DaemonConfig config) {
        this.daemon = daemon;
        this.config = config;
    }

    public static RunningDaemon start(Path directory) throws Exception {
        return start(directory, Map.of());
    }

    /** @param overrides configuration keys and values, as {@code --set} gives them */
    public static RunningDaemon start(Path directory, Map<String, String> overrides) throws Exception {
        DaemonConfig config = config(directory, overrides);
        return new RunningDaemon(Daemon.start(config, false, InheritedSockets.NONE), config);
    }

    public static DaemonConfig config(Path directory, Map<String, String> overrides) throws Exception {
        OrphanReaper.watch(directory);
        String toml = "dbdir = \"" + directory.resolve("db") + "\"\n"
                + "tmpdir = \"" + directory.resolve("tmp") + "\"\n"
                + "[socket]\npath = \"" + directory.resolve("vmmd.sock") + "\"\n"
                + "[adapters.qemu]\naccelerator = \"tcg\"\n";
        return ConfigLoader.parse(toml, "test.toml", Map.of(), overrides);
    }

    public Path socket() {
        return config.socket().path();
    }

    public WireClient client() throws Exception {
        return WireClient.connect(socket());
    }

    @Override
    public void close() {
        daemon.close();
    }
}
