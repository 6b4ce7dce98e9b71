package org.albatross.protocol;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A statistics sample of one unikernel: the host process's resource usage, its network interfaces, the
 * monitor's own counters and the process's memory (FreeBSD kinfo), the last two only where the host has them.
 */
public record Statistics(ResourceUsage rusage, List<InterfaceData> interfaces, Optional<List<VmmCounter>> vmm,
        Optional<KinfoMem> kinfoMem) {

    public Statistics {
        Objects.requireNonNull(rusage, "rusage");
        interfaces = List.copyOf(interfaces);
        vmm = vmm.map(List::copyOf);
        Objects.requireNonNull(kinfoMem, "kinfoMem");
    }

    /** A point in time or a duration as getrusage reports it. */
    public record Timeval(long seconds, int microseconds) {
    }

    /** getrusage(2) of the monitor process. */
    public record ResourceUsage(Timeval utime, Timeval stime, long maxrss, long ixrss, long idrss, long isrss,
            long minflt, long majflt, long nswap, long inblock, long outblock, long msgsnd, long msgrcv,
            long nsignals, long nvcsw, long nivcsw) {
        public ResourceUsage {
            Objects.requireNonNull(utime, "utime");
            Objects.requireNonNull(stime, "stime");
        }
    }

    /** Memory figures of the monitor process (FreeBSD's kinfo_proc); {@code start} is when it started. */
    public record KinfoMem(long vsize, long rss, long tsize, long dsize, long ssize, long runtime, int cow,
            Timeval start) {
        public KinfoMem {
            Objects.requireNonNull(start, "start");
        }
    }

    /** One named counter of the monitor (e.g. "exits"). */
    public record VmmCounter(String key, long value) {
        public VmmCounter {
            Objects.requireNonNull(key, "key");
        }
    }

    /** Counters of one network interface (if_data), named by the bridge it belongs to. */
    public record InterfaceData(String bridge, int flags, int sendLength, int maxSendLength, int sendDrops, int mtu,
            long baudrate, long inputPackets, long inputErrors, long outputPackets, long outputErrors,
            long collisions, long inputBytes, long outputBytes, long inputMulticast, long outputMulticast,
            long inputDropped, long outputDropped) {
        public InterfaceData {
            Objects.requireNonNull(bridge, "bridge");
        }
    }
}
