package org.albatross.it.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.albatross.client.transport.LocalTransport;
import org.albatross.client.transport.Session;
import org.albatross.it.DaemonFiles;
import org.albatross.it.DaemonProcess;
import org.albatross.protocol.Name;
import org.albatross.protocol.Policy;
import org.albatross.protocol.PolicyCommand;

/**
 * From spawning the shipped launcher to the daemon's socket accepting a connection, over an empty dbdir or a saved
 * state, alternating with spawning {@link HelloWorldJvm} (the same JVM options, a class-data archive of its own) to
 * its "ready": the daemon's start beside the floor of any JVM start with these options, in one run.
 */
final class ColdStartBench {
    /** 128 + SIGTERM: the JVM's own ending on SIGTERM, before albatrossd installed its handler. */
    private static final int SIGTERM_BEFORE_HANDLER = 143;
    private static final Policy TENANT_POLICY = new Policy(1, Set.of(0), 64, Optional.empty(), Set.of());

    /** Both timings of one case. */
    record Timings(Samples daemon, Samples helloWorld) {
    }

    private final InstalledDistribution distribution;
    private final HelloWorldJvm helloWorld;

    ColdStartBench(InstalledDistribution distribution, HelloWorldJvm helloWorld) {
        this.distribution = distribution;
        this.helloWorld = helloWorld;
    }

    /** Spawn to ready {@code runs} times each, the daemon each time over a new empty dbdir under {@code scratch}. */
    Timings empty(Path scratch, int runs) throws IOException {
        long[] daemon = new long[runs];
        long[] hello = new long[runs];
        for (int i = 0; i < runs; i++) {
            daemon[i] = spawnToReady(DaemonFiles.createUnder(scratch.resolve("empty-" + i)));
            hello[i] = helloWorldToReady();
        }
        return new Timings(new Samples(daemon), new Samples(hello));
    }

    /** Spawn to ready {@code runs} times each, the daemon over the same files, whose saved state it restores. */
    Timings restoring(DaemonFiles files, int runs) throws IOException {
        long[] daemon = new long[runs];
        long[] hello = new long[runs];
        for (int i = 0; i < runs; i++) {
            daemon[i] = spawnToReady(files);
            hello[i] = helloWorldToReady();
        }
        return new Timings(new Samples(daemon), new Samples(hello));
    }

    /** Files whose saved state holds {@code tenants} policies, one per tenant, as the next daemon restores it. */
    DaemonFiles withTenantPolicies(Path root, int tenants) throws IOException {
        DaemonFiles files = DaemonFiles.createUnder(root);
        try (DaemonProcess daemon = distribution.start(files, "")) {
            for (int i = 0; i < tenants; i++) {
                try (Session session = LocalTransport.connect(files.socket())) {
                    session.request(new PolicyCommand.Add(TENANT_POLICY), Name.parse("tenant-" + i)).success();
                }
            }
            daemon.terminate();
        }
        return files;
    }

    /** One cold start through the launcher; the daemon is stopped with SIGTERM afterwards. */
    private long spawnToReady(DaemonFiles files) throws IOException {
        long start = System.nanoTime();
        try (DaemonProcess daemon = DaemonProcess.launchInstalled(files, distribution.home(), Map.of())) {
            daemon.awaitReady(DaemonProcess.BENCH_POLL);
            long elapsed = System.nanoTime() - start;
            int exit = daemon.terminate();
            if (exit == SIGTERM_BEFORE_HANDLER) {
                System.out.println("  albatrossd ended with 143 on a SIGTERM sent as soon as its socket accepted: "
                        + "it handles SIGTERM only after it is ready, so the JVM's default ended it");
            } else if (exit != 0) {
                throw new IllegalStateException("albatrossd exited with " + exit + "\n" + daemon.log());
            }
            return elapsed;
        }
    }

    private long helloWorldToReady() throws IOException {
        long start = System.nanoTime();
        Process hello = helloWorld.start();
        try {
            helloWorld.awaitReady(hello);
            return System.nanoTime() - start;
        } finally {
            try {
                HelloWorldJvm.stop(hello);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
