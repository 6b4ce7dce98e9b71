package org.albatross.daemon;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.albatross.protocol.Policy;
import org.albatross.vmm.HostCommandFailed;
import org.albatross.vmm.HostPlatform;
import org.albatross.vmm.net.HostNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The root policy, discovered at start from the host (POLICY.md): unikernels unbounded, every CPU, the host's
 * memory, the block directory's free space and every bridge that exists. On Linux the memory is read from
 * {@code /proc/meminfo}, which spares the daemon the JMX classes (some eighty) it would load for one number.
 */
final class RootPolicy {
    private static final Logger LOG = LoggerFactory.getLogger(RootPolicy.class);
    private static final long MB = 1024L * 1024L;

    private RootPolicy() {
    }

    /**
     * The root policy of this host now: its CPUs, memory and the block directory's free space, read here (a start
     * reads them once it has written what it writes), and {@code bridges}, {@link #bridges} listed meanwhile.
     */
    static Policy discover(HostPlatform platform, Path blockDirectory, Set<String> bridges) throws IOException {
        Set<Integer> cpus = IntStream.range(0, Runtime.getRuntime().availableProcessors()).boxed()
                .collect(Collectors.toSet());
        long memoryMb = (platform == HostPlatform.LINUX ? memInfoTotalKib(Path.of("/proc/meminfo")) * 1024
                : ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getTotalMemorySize()) / MB;
        long blockMb = Files.getFileStore(blockDirectory).getUsableSpace() / MB;
        Policy root = new Policy(Integer.MAX_VALUE, cpus, memoryMb, Optional.of(blockMb), bridges);
        LOG.info("root policy: CPUs {}, {} MB memory, {} MB block storage, bridges {}", cpus, memoryMb, blockMb,
                bridges);
        return root;
    }

    /** The host's bridges, for unikernels to attach to; none if they cannot be listed (which the log says). */
    static Set<String> bridges(HostNetwork network) {
        try {
            return network.bridges();
        } catch (HostCommandFailed e) {
            LOG.warn("no bridges for unikernels: listing the host's bridges failed: {}", e.getMessage());
            return Set.of();
        }
    }

    /** {@code MemTotal} of a {@code /proc/meminfo}, in KiB. */
    static long memInfoTotalKib(Path memInfo) throws IOException {
        for (String line : Files.readAllLines(memInfo)) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.substring("MemTotal:".length()).replace("kB", "").strip());
            }
        }
        throw new IOException(memInfo + " has no MemTotal line");
    }
}
