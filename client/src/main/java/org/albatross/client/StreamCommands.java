package org.albatross.client;

import java.io.IOException;
import java.util.List;
import org.albatross.client.cli.Arg;
import org.albatross.client.cli.Invocation;
import org.albatross.client.cli.Subcommand;
import org.albatross.protocol.ConsoleCommand;
import org.albatross.protocol.EventLogCommand;
import org.albatross.protocol.Name;
import org.albatross.protocol.StatsCommand;

/**
 * console, events (log), stats, stats-add and stats-remove: subscriptions that print what the daemon streams until
 * interrupted, and albatross's two commands of its statistics daemon; and inactive-consoles, the consoles that
 * outlived their unikernels.
 */
final class StreamCommands {
    private static final Arg<String> NAME = Arg.positional("NAME").of(String.class);
    private static final Arg<String> PATH = Arg.positional("PATH").optional().defaultValue("").of(String.class);
    private static final Arg<String> EVENTS_PATH = Arg.option("-n", "--name").label("PATH").defaultValue("")
            .describe("Only the events at or under this tenant path (default: all you may see).").of(String.class);
    private static final Arg<Boolean> ONCE = Arg.option("--once").describe("Print the first sample and stop.").flag();
    private static final Arg<Integer> PID = Arg.positional("PID").of(Integer.class);
    private static final Arg<String> STATS_NAME = Arg.option("-n", "--name").label("NAME").defaultValue(":")
            .describe("The unikernel's name.").of(String.class);
    private static final Arg<String> DEVICE = Arg.option("--vmmdev").label("DEVICE").defaultValue("")
            .describe("The VMM device to read statistics from (/dev/vmm/DEVICE, FreeBSD).").of(String.class);
    private static final Arg<List<StatsCommand.Tap>> TAPS = Arg.option("--bridge").label("BRIDGE:TAP")
            .describe("A tap device and the bridge it is on (repeatable).")
            .repeated(StatsCommand.Tap.class, DeviceSpec::tap);

    static final List<Subcommand> SUBCOMMANDS = List.of(
            Subcommand.named("console").describe("Follow the console of NAME until interrupted.")
                    .with(Output.OPTIONS).with(Replay.OPTIONS).with(NAME).runs(StreamCommands::console),
            Subcommand.named("events").alias("log").describe("Follow the daemon's event log (our extension of"
                    + " albatross; log is albatross's name for it).").with(Output.OPTIONS).with(Replay.OPTIONS)
                    .with(EVENTS_PATH).runs(StreamCommands::events),
            Subcommand.named("inactive-consoles").describe("List the unikernels at or under PATH (default: all you"
                    + " may see) whose console is kept although they do not run.").with(Output.OPTIONS).with(PATH)
                    .runs(StreamCommands::inactiveConsoles),
            Subcommand.named("stats").describe("Print the statistics of NAME: one sample with --once, else follow.")
                    .with(Output.OPTIONS).with(NAME, ONCE).runs(StreamCommands::stats),
            Subcommand.named("stats-add").describe("Ask albatross's statistics daemon to sample process PID as NAME."
                    + " albatrossd samples every unikernel it runs by itself and refuses it.").with(Output.OPTIONS)
                    .with(PID, STATS_NAME, DEVICE, TAPS).runs(StreamCommands::statsAdd),
            Subcommand.named("stats-remove").describe("Ask albatross's statistics daemon to stop sampling NAME."
                    + " albatrossd samples every unikernel it runs by itself and refuses it.").with(Output.OPTIONS)
                    .with(STATS_NAME).runs(StreamCommands::statsRemove));

    private StreamCommands() {
    }

    private static int console(Invocation invocation) throws IOException {
        Replay replay = new Replay(invocation);
        ConsoleCommand command = replay.since != null ? new ConsoleCommand.SubscribeSince(replay.since)
                : new ConsoleCommand.SubscribeCount(replay.replayed());
        return Exchange.follow(new Output(invocation), Name.parse(invocation.get(NAME)), command, replay.lines);
    }

    private static int inactiveConsoles(Invocation invocation) throws IOException {
        return Exchange.oneShot(new Output(invocation), PolicyCommands.pathName(invocation.get(PATH)),
                new ConsoleCommand.ListInactive());
    }

    private static int events(Invocation invocation) throws IOException {
        Replay replay = new Replay(invocation);
        EventLogCommand command = replay.since != null ? new EventLogCommand.SubscribeSince(replay.since)
                : new EventLogCommand.SubscribeCount(replay.replayed());
        return Exchange.follow(new Output(invocation), PolicyCommands.pathName(invocation.get(EVENTS_PATH)),
                command, replay.lines);
    }

    private static int stats(Invocation invocation) throws IOException {
        return Exchange.follow(new Output(invocation), Name.parse(invocation.get(NAME)), new StatsCommand.Subscribe(),
                invocation.get(ONCE) ? 1 : 0);
    }

    private static int statsAdd(Invocation invocation) throws IOException {
        List<StatsCommand.Tap> taps = invocation.get(TAPS);
        return Exchange.oneShot(new Output(invocation), Name.parse(invocation.get(STATS_NAME)),
                new StatsCommand.Add(invocation.get(DEVICE), invocation.get(PID), taps == null ? List.of() : taps));
    }

    private static int statsRemove(Invocation invocation) throws IOException {
        return Exchange.oneShot(new Output(invocation), Name.parse(invocation.get(STATS_NAME)),
                new StatsCommand.Remove());
    }
}
