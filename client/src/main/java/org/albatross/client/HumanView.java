package org.albatross.client;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.albatross.protocol.Data;
import org.albatross.protocol.FailBehaviour;
import org.albatross.protocol.Policy;
import org.albatross.protocol.Statistics;
import org.albatross.protocol.Success;

/** Replies and stream elements as a person reads them: tables with a header row, one line per stream element. */
final class HumanView {
    private HumanView() {
    }

    static String of(Success success) {
        if (success instanceof Success.Message message) {
            return message.text();
        }
        if (success instanceof Success.Policies policies) {
            return Table.of(List.of("NAME", "UNIKERNELS", "MEMORY_MB", "BLOCK_MB", "CPUIDS",
                    "BRIDGES"), policies.policies().stream().map(named -> {
                        Policy policy = named.policy();
                        return List.of(named.name().toString(), String.valueOf(policy.unikernels()),
                                String.valueOf(policy.memoryMb()), policy.blockMb().map(String::valueOf).orElse("-"),
                                joined(policy.cpuIds()), joined(policy.bridges()));
                    }).toList());
        }
        if (success instanceof Success.BlockDevices blocks) {
            return Table.of(List.of("NAME", "SIZE_MB", "ACTIVE"),
                    blocks.devices().stream().map(device -> List.of(device.name().toString(),
                            String.valueOf(device.sizeMb()), String.valueOf(device.active()))).toList());
        }
        if (success instanceof Success.UnikernelImage image) {
            return "image of " + image.image().size() + " bytes"
                    + (image.compressed() ? " (compressed)" : "");
        }
        if (success instanceof Success.BlockDeviceImage image) {
            return "block device data follows" + (image.compressed() ? " (compressed)" : "");
        }
        if (success instanceof Success.Consoles consoles) {
            return consoles.names().stream().map(Object::toString)
                    .collect(Collectors.joining("\n"));
        }
        if (success instanceof Success.UnikernelInfos infos) {
            return Table.of(List.of("NAME", "TYPE", "MEMORY_MB", "CPUIDS", "FAIL",
                    "STARTED", "DIGEST"), infos.unikernels().stream().map(named -> List.of(named.name().toString(),
                            named.info().typ().name().toLowerCase(java.util.Locale.ROOT),
                            String.valueOf(named.info().memoryMb()), joined(named.info().cpuIds()),
                            named.info().failBehaviour() instanceof FailBehaviour.Restart ? "restart" : "quit",
                            named.info().running() ? named.info().started().toString() : "not running", named.info().digest().toHex().substring(0,
                                    Math.min(16, named.info().digest().toHex().length())))).toList());
        }
        return "success";
    }

    /** A policy on one line: {@code 2 unikernels, 64 MB memory, CPUs 0, no block storage, bridges service}. */
    static String of(Policy policy) {
        return policy.unikernels() + " unikernels, " + policy.memoryMb() + " MB memory, CPUs "
                + joined(policy.cpuIds()) + ", " + policy.blockMb().map(mb -> mb + " MB block storage")
                        .orElse("no block storage") + ", " + (policy.bridges().isEmpty() ? "no bridges"
                        : "bridges " + joined(policy.bridges()));
    }

    static String of(Data data) {
        if (data instanceof Data.ConsoleLine line) {
            return line.timestamp() + " " + line.line();
        }
        if (data instanceof Data.EventEntry entry) {
            return entry.timestamp() + " " + JsonShapes.keyValues((Record) entry.event());
        }
        if (data instanceof Data.StatisticsSample sample) {
            return statistics(sample.statistics());
        }
        if (data instanceof Data.BlockChunk chunk) {
            return chunk.bytes().size() + " bytes";
        }
        return "end of block data";
    }

    private static String statistics(Statistics statistics) {
        List<List<String>> rows = new ArrayList<>();
        Statistics.ResourceUsage usage = statistics.rusage();
        rows.add(List.of("utime_s", usage.utime().seconds() + "." + String.format("%06d", usage.utime().microseconds())));
        rows.add(List.of("stime_s", usage.stime().seconds() + "." + String.format("%06d", usage.stime().microseconds())));
        rows.add(List.of("maxrss", String.valueOf(usage.maxrss())));
        statistics.vmm().orElse(List.of()).forEach(counter -> rows.add(List.of(counter.key(),
                String.valueOf(counter.value()))));
        return Table.of(List.of("METRIC", "VALUE"), rows);
    }

    private static String joined(java.util.Collection<?> values) {
        return values.isEmpty() ? "-" : values.stream().map(String::valueOf).sorted().collect(Collectors.joining(","));
    }
}
