package org.albatross.vmm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.albatross.protocol.InstantText;
import org.albatross.protocol.MacAddress;
import org.albatross.protocol.Octets;
import org.albatross.protocol.UnikernelInfo;

/**
 * What a later daemon needs to adopt a running tender, kept in its {@link RunDirectory} as {@code monitor}, written
 * atomically once, before the tender starts, with the pid {@link #NOT_YET_STARTED}: a successor completes it
 * ({@link #startedAs}) from the spawner's pid file and the tender's start time in /proc. It holds the adapter that
 * planned the tender and how its exit status reads, the SHA-256 of the image it runs, its network interfaces and the
 * plan's clean-up commands (and, as earlier versions wrote it a second time, the tender's pid and start time).
 *
 * <p>One line per field, {@code KEY VALUE...} with tab-separated values; unknown keys are ignored.
 */
public record MonitorRecord(long pid, Instant started, String adapter, ExitEncoding encoding, Octets imageDigest,
        List<UnikernelInfo.Network> networks, List<List<String>> after) {
    /** The pid of a record written before its monitor started the tender. */
    public static final long NOT_YET_STARTED = 0;

    public MonitorRecord {
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(adapter, "adapter");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(imageDigest, "imageDigest");
        networks = List.copyOf(networks);
        after = after.stream().map(List::copyOf).toList();
    }

    /** This record for the tender that started as process {@code tenderPid} at {@code tenderStarted}. */
    public MonitorRecord startedAs(long tenderPid, Instant tenderStarted) {
        return new MonitorRecord(tenderPid, tenderStarted, adapter, encoding, imageDigest, networks, after);
    }

    String format() {
        StringBuilder text = new StringBuilder();
        line(text, "pid", String.valueOf(pid));
        line(text, "started", started.toString());
        line(text, "adapter", adapter);
        line(text, "encoding", encoding.name());
        line(text, "image-sha256", imageDigest.toHex());
        for (UnikernelInfo.Network network : networks) {
            line(text, "network", network.netif(), network.hostDevice(), network.mac().toString());
        }
        for (List<String> command : after) {
            line(text, "after", command.toArray(String[]::new));
        }
        return text.toString();
    }

    static MonitorRecord parse(String text) {
        long pid = -1;
        Instant started = null;
        String adapter = null;
        ExitEncoding encoding = null;
        Octets digest = null;
        List<UnikernelInfo.Network> networks = new ArrayList<>();
        List<List<String>> after = new ArrayList<>();
        for (String line : text.split("\n")) {
            int space = line.indexOf(' ');
            if (space < 0) {
                continue;
            }
            String[] values = line.substring(space + 1).split("\t", -1);
            switch (line.substring(0, space)) {
                case "pid" -> pid = Long.parseLong(values[0]);
                case "started" -> started = InstantText.parse(values[0]);
                case "adapter" -> adapter = values[0];
                case "encoding" -> encoding = ExitEncoding.valueOf(values[0]);
                case "image-sha256" -> digest = Octets.ofHex(values[0]);
                case "network" -> networks.add(new UnikernelInfo.Network(values[0], values[1], MacAddress.parse(values[2])));
                case "after" -> after.add(Arrays.asList(values));
                default -> { }
            }
        }
        if (pid < 0) {
            throw new IllegalArgumentException("no pid");
        }
        return new MonitorRecord(pid, started, adapter, encoding, digest, networks, after);
    }

    private static void line(StringBuilder text, String key, String... values) {
        text.append(key).append(' ').append(String.join("\t", values)).append('\n');
    }
}
