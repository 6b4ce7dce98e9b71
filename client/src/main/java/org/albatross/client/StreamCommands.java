package org.albatross.client;

import java.io.IOException;
import java.util.List;
import org.albatross.protocol.ConsoleCommand;
import org.albatross.protocol.EventLogCommand;
import org.albatross.protocol.Name;
import org.albatross.protocol.StatsCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * console, events (log), stats, stats-add and stats-remove: subscriptions that print what the daemon streams until
 * interrupted, and albatross's two commands of its statistics daemon; and inactive-consoles, the consoles that
 * outlived their unikernels.
 */
@Command
final class StreamCommands {
    @Command(name = "console", description = "Follow the console of NAME until interrupted.")
    static int console(@Mixin Output output, @Mixin Replay replay, @Parameters(paramLabel = "NAME") String name)
            throws IOException {
        ConsoleCommand command = replay.since != null ? new ConsoleCommand.SubscribeSince(replay.since)
                : new ConsoleCommand.SubscribeCount(replay.replayed());
        return Exchange.follow(output, Name.parse(name), command, replay.lines);
    }

    @Command(name = "inactive-consoles", description = "List the unikernels at or under PATH (default: all you may"
            + " see) whose console is kept although they do not run.")
    static int inactiveConsoles(@Mixin Output output,
            @Parameters(paramLabel = "PATH", arity = "0..1", defaultValue = "") String path) throws IOException {
        return Exchange.oneShot(output, PolicyCommands.pathName(path), new ConsoleCommand.ListInactive());
    }

    @Command(name = "events", aliases = "log", description = "Follow the daemon's event log (our extension of"
            + " albatross; log is albatross's name for it).")
    static int events(@Mixin Output output, @Mixin Replay replay,
            @Option(names = {"-n", "--name"}, paramLabel = "PATH", defaultValue = "",
                    description = "Only the events at or under this tenant path (default: all you may see).")
            String path) throws IOException {
        EventLogCommand command = replay.since != null ? new EventLogCommand.SubscribeSince(replay.since)
                : new EventLogCommand.SubscribeCount(replay.replayed());
        return Exchange.follow(output, PolicyCommands.pathName(path), command, replay.lines);
    }

    @Command(name = "stats", description = "Print the statistics of NAME: one sample with --once, else follow.")
    static int stats(@Mixin Output output, @Parameters(paramLabel = "NAME") String name,
            @Option(names = "--once", description = "Print the first sample and stop.") boolean once)
            throws IOException {
        return Exchange.follow(output, Name.parse(name), new StatsCommand.Subscribe(), once ? 1 : 0);
    }

    @Command(name = "stats-add", description = "Ask albatross's statistics daemon to sample process PID as NAME."
            + " albatrossd samples every unikernel it runs by itself and refuses it.")
    static int statsAdd(@Mixin Output output, @Parameters(paramLabel = "PID") int pid,
            @Option(names = {"-n", "--name"}, paramLabel = "NAME", defaultValue = ":",
                    description = "The unikernel's name.") String name,
            @Option(names = "--vmmdev", paramLabel = "DEVICE", defaultValue = "",
                    description = "The VMM device to read statistics from (/dev/vmm/DEVICE, FreeBSD).") String device,
            @Option(names = "--bridge", paramLabel = "BRIDGE:TAP", converter = DeviceSpec.Tap.class,
                    description = "A tap device and the bridge it is on (repeatable).") List<StatsCommand.Tap> taps)
            throws IOException {
        return Exchange.oneShot(output, Name.parse(name), new StatsCommand.Add(device, pid,
                taps == null ? List.of() : taps));
    }

    @Command(name = "stats-remove", description = "Ask albatross's statistics daemon to stop sampling NAME."
            + " albatrossd samples every unikernel it runs by itself and refuses it.")
    static int statsRemove(@Mixin Output output,
            @Option(names = {"-n", "--name"}, paramLabel = "NAME", defaultValue = ":",
                    description = "The unikernel's name.") String name) throws IOException {
        return Exchange.oneShot(output, Name.parse(name), new StatsCommand.Remove());
    }
}
