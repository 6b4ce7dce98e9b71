package org.albatross.vmm;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The host's operating system, as far as launching tenders differs: how to pin a process to CPUs. */
public enum HostPlatform {
    LINUX("taskset", "-c"),
    FREEBSD("cpuset", "-l");

    private final String pinCommand;
    private final String cpuListOption;

    HostPlatform(String pinCommand, String cpuListOption) {
        this.pinCommand = pinCommand;
        this.cpuListOption = cpuListOption;
    }

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

    /** The prefix that runs a command on {@code cpus} only; nothing when the set is empty. */
    public List<String> pinning(Set<Integer> cpus) {
        return cpus.isEmpty() ? List.of() : List.of(pinCommand, cpuListOption, cpuList(cpus));
    }

    /** CPU ids in ascending order, comma separated: {@code 0,2,3}. */
    static String cpuList(Set<Integer> cpus) {
        return cpus.stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
    }
}
