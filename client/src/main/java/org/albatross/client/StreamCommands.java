package org.albatross.client;

import java.io.IOException;
import org.albatross.protocol.ConsoleCommand;
import org.albatross.protocol.EventLogCommand;
import org.albatross.protocol.Name;
import org.albatross.protocol.StatsCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * console, events and stats: subscriptions that print what the daemon streams until interrupted; and
 * inactive-consoles, the consoles that outlived their unikernels.
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

    @Command(name = "events", description = "Follow the daemon's event log (our extension of albatross).")
    static int events(@Mixin Output output, @Mixin Replay replay) throws IOException {
        EventLogCommand command = replay.since != null ? new EventLogCommand.SubscribeSince(replay.since)
                : new EventLogCommand.SubscribeCount(replay.replayed());
        return Exchange.follow(output, Name.ROOT, command, replay.lines);
    }

    @Command(name = "stats", description = "Print the statistics of NAME: one sample with --once, else follow.")
    static int stats(@Mixin Output output, @Parameters(paramLabel = "NAME") String name,
            @Option(names = "--once", description = "Print the first sample and stop.") boolean once)
            throws IOException {
        return Exchange.follow(output, Name.parse(name), new StatsCommand.Subscribe(), once ? 1 : 0);
    }
}
