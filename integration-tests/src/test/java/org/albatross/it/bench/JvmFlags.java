package org.albatross.it.bench;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.albatross.it.DaemonProcess;

/** A named set of options for the daemon's JVM, the variable of the footprint and cold-start figures. */
record JvmFlags(String name, List<String> options) {
    /**
     * The jars of this JVM's class path, which hold the daemon and its libraries: a CDS archive cannot be dumped
     * with a non-empty directory (this module's test classes) on the class path, and every variant runs with the
     * same one.
     */
    static final String DAEMON_CLASS_PATH = Arrays.stream(System.getProperty("java.class.path")
            .split(File.pathSeparator)).filter(entry -> entry.endsWith(".jar"))
            .collect(Collectors.joining(File.pathSeparator));
    static final JvmFlags DEFAULTS = new JvmFlags("JVM defaults", List.of());
    static final JvmFlags TEST_HARNESS = new JvmFlags("C1 + SerialGC (IT harness)", DaemonProcess.TEST_JVM_OPTIONS);
    /** Heap ergonomics from a 256 MiB MaxRAM (max heap 64 MiB), small thread stacks, C1 only. */
    static final JvmFlags SMALL_FOOTPRINT = new JvmFlags("small footprint", List.of("-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Xss256k", "-XX:MaxRAM=256m", "-XX:ReservedCodeCacheSize=32m"));

    /**
     * The small footprint's flags with a 64 MiB heap set explicitly; a small initial heap keeps the idle daemon 4 MiB
     * smaller than {@code -Xmx64m} alone (97 against 101.6 MiB). The tarball ships {@code -Xmx256m} instead, room for
     * every console ring full.
     */
    static final JvmFlags SMALL_HEAP = new JvmFlags("small footprint, 64 MiB heap", List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xss256k", "-XX:ReservedCodeCacheSize=32m", "-Xms8m", "-Xmx64m"));

    JvmFlags {
        options = List.copyOf(options);
    }

    /** These options plus a CDS archive of the classes the daemon loads: the dump run uses {@link #dumping}. */
    JvmFlags withClassArchive(Path archive) {
        return plus("+ CDS archive", "-XX:SharedArchiveFile=" + archive);
    }

    JvmFlags dumping(Path archive) {
        return plus("dumping CDS", "-XX:ArchiveClassesAtExit=" + archive);
    }

    private JvmFlags plus(String suffix, String option) {
        List<String> more = new ArrayList<>(options);
        more.add(option);
        return new JvmFlags(name + " " + suffix, more);
    }

    @Override
    public String toString() {
        return name + " [" + String.join(" ", options) + "]";
    }
}
