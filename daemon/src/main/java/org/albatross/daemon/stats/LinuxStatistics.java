package org.albatross.daemon.stats;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Optional;
import org.albatross.daemon.supervisor.RunningUnikernel;
import org.albatross.protocol.StatsCommand;
import org.albatross.protocol.Statistics;

/**
 * Samples a unikernel on Linux: its monitor's {@code /proc/PID} files and each tap's
 * {@code /sys/class/net/TAP/statistics}. A tap's receive side is what the unikernel sent (albatross's
 * "vm_to_host", if_data's input), its transmit side what it was sent.
 */
public final class LinuxStatistics implements StatisticsSource {
    private final Path proc;
    private final Path net;

    /** @param root where /proc and /sys are mounted: "/" but in tests */
    public LinuxStatistics(Path root) {
        this.proc = root.resolve("proc");
        this.net = root.resolve("sys/class/net");
    }

    @Override
    public Sample sample(RunningUnikernel unikernel) throws IOException, MalformedProcFile {
        Path process = proc.resolve(Long.toString(unikernel.pid()));
        ProcFiles files = new ProcFiles(Files.readString(process.resolve("stat")),
                Files.readString(process.resolve("statm")), Files.readString(process.resolve("status")),
                readableOrEmpty(process.resolve("io")));
        ProcFiles.ProcessUsage usage = files.usage(unikernel.started());
        var interfaces = new ArrayList<Statistics.InterfaceData>();
        for (StatsCommand.Tap tap : unikernel.taps()) {
            interfaces.add(tap(tap));
        }
        return new Sample(unikernel, new Statistics(usage.rusage(), interfaces, Optional.empty(),
                Optional.of(usage.kinfoMem())), usage.residentBytes());
    }

    private Statistics.InterfaceData tap(StatsCommand.Tap tap) throws IOException, MalformedProcFile {
        Path device = net.resolve(tap.tap());
        Path counters = device.resolve("statistics");
        return new Statistics.InterfaceData(tap.bridge(), 0, 0, 0, 0, (int) counter(device, "mtu"), 0,
                counter(counters, "rx_packets"), counter(counters, "rx_errors"), counter(counters, "tx_packets"),
                counter(counters, "tx_errors"), counter(counters, "collisions"), counter(counters, "rx_bytes"),
                counter(counters, "tx_bytes"), counter(counters, "multicast"), 0, counter(counters, "rx_dropped"),
                counter(counters, "tx_dropped"));
    }

    private static long counter(Path directory, String name) throws IOException, MalformedProcFile {
        String text = Files.readString(directory.resolve(name)).trim();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new MalformedProcFile(directory.resolve(name) + " is not a number: \"" + text + "\"");
        }
    }

    private static String readableOrEmpty(Path file) throws IOException {
        try {
            return Files.readString(file);
        } catch (AccessDeniedException | NoSuchFileException e) {
            return "";
        }
    }
}
