package org.albatross.vmm;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * The host's operating system, as far as running unikernels differs (its network commands, its memory's size). CPU
 * pinning does not: the spawner pins each tender itself, on Linux and FreeBSD alike.
 */
public enum HostPlatform {
    LINUX,
    FREEBSD;

    /** This host's platform, from the {@code os.name} system property. */
    public static HostPlatform current() {
        return of(System.getProperty("os.name", ""));
    }

    static HostPlatform of(String osName) {
        return switch (osName) {
            case "Linux" -> LINUX;
            case "FreeBSD" -> FREEBSD;
            default -> throw new IllegalStateException("unikernels run on Linux or FreeBSD hosts, not on " + osName);
        };
    }

    /** CPU ids in ascending order, comma separated: {@code 0,2,3}. */
    static String cpuList(Set<Integer> cpus) {
        return cpus.stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
    }
}
