package org.albatross.it.bench;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.albatross.client.transport.LocalTransport;
import org.albatross.client.transport.Session;
import org.albatross.it.DaemonFiles;
import org.albatross.it.DaemonProcess;
import org.albatross.protocol.Name;
import org.albatross.protocol.Policy;
import org.albatross.protocol.PolicyCommand;

/** From spawning the daemon's JVM to its socket accepting a connection, over an empty dbdir or a saved state. */
final class ColdStartBench {
    private static final Duration READY_WITHIN = Duration.ofSeconds(60);
    /** Fine against the ≈ 0.5 s measured: the poll adds at most this much to a sample. */
    private static final Duration POLL = Duration.ofMillis(2);
    /** 128 + SIGTERM: the JVM's own ending on SIGTERM, before albatrossd installed its handler. */
    private static final int SIGTERM_BEFORE_HANDLER = 143;
    private static final Policy TENANT_POLICY = new Policy(1, Set.of(0), 64, Optional.empty(), Set.of());

    private ColdStartBench() {
    }

    /** Spawn to ready {@code runs} times, each over a new empty dbdir under {@code scratch}. */
    static Samples empty(Path scratch, JvmFlags flags, int runs) throws IOException {
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            nanos[i] = spawnToReady(DaemonFiles.createUnder(scratch.resolve("empty-" + i)), flags);
        }
        return new Samples(nanos);
    }

    /** Spawn to ready {@code runs} times over the same files, whose saved state the daemon restores each time. */
    static Samples restoring(DaemonFiles files, JvmFlags flags, int runs) throws IOException {
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            nanos[i] = spawnToReady(files, flags);
        }
        return new Samples(nanos);
    }

    /** Files whose saved state holds {@code tenants} policies, one per tenant, as the next daemon restores it. */
    static DaemonFiles withTenantPolicies(Path root, int tenants) throws IOException {
        DaemonFiles files = DaemonFiles.createUnder(root);
        try (DaemonProcess daemon = DaemonProcess.start(files, DaemonProcess.TEST_JVM_OPTIONS,
                JvmFlags.DAEMON_CLASS_PATH)) {
            for (int i = 0; i < tenants; i++) {
                try (Session session = LocalTransport.connect(files.socket())) {
                    session.request(new PolicyCommand.Add(TENANT_POLICY), Name.parse("tenant-" + i)).success();
                }
            }
            daemon.terminate();
        }
        return files;
    }

    /** Starts the daemon once with {@code -XX:ArchiveClassesAtExit}, which writes the archive when it ends. */
    static void dumpClassArchive(Path scratch, JvmFlags flags, Path archive) throws IOException {
        spawnToReady(DaemonFiles.createUnder(scratch.resolve("cds-dump")), flags.dumping(archive));
    }

    /** One cold start; the daemon is stopped with SIGTERM afterwards. */
    static long spawnToReady(DaemonFiles files, JvmFlags flags) throws IOException {
        long start = System.nanoTime();
        try (DaemonProcess daemon = DaemonProcess.launch(files, flags.options(),
                JvmFlags.DAEMON_CLASS_PATH)) {
            await("albatrossd (" + flags + ") accepts connections")
                    .atMost(READY_WITHIN)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(POLL)
                    .failFast("albatrossd exited before it was ready; see albatrossd.log in " + files.root(),
                            () -> !daemon.isAlive())
                    .until(daemon::acceptsConnections);
            long elapsed = System.nanoTime() - start;
            int exit = daemon.terminate();
            if (exit == SIGTERM_BEFORE_HANDLER) {
                System.out.println("  albatrossd ended with 143 on a SIGTERM sent as soon as its socket accepted: "
                        + "it handles SIGTERM only after it is ready, so the JVM's default ended it");
            } else if (exit != 0) {
                throw new IllegalStateException("albatrossd (" + flags + ") exited with " + exit + "\n" + daemon.log());
            }
            return elapsed;
        }
    }
}
