package org.albatross.client;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.albatross.client.cli.Arg;
import org.albatross.client.cli.Invocation;
import org.albatross.client.cli.Subcommand;
import org.albatross.client.transport.TransportError;
import org.albatross.protocol.BlockAttachment;
import org.albatross.protocol.Command;
import org.albatross.protocol.HealthCheck;
import org.albatross.protocol.HealthWatch;
import org.albatross.protocol.InvalidName;
import org.albatross.protocol.Name;
import org.albatross.protocol.NetworkAttachment;
import org.albatross.protocol.Octets;
import org.albatross.protocol.Success;
import org.albatross.protocol.UnikernelArguments;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.protocol.UnikernelConfig;
import org.albatross.protocol.UnikernelInfo;
import org.albatross.protocol.UnikernelType;

/**
 * update: albatross's flow (the running image's SHA-256 looked up in a builder-web repository, the latest build of
 * its job fetched, the new image run with the running unikernel's configuration), with the image's digest pinned:
 * what arrived must hash to what the repository states for that build (its file's ETag, and its {@code /hash} index
 * naming that build), else nothing is sent. The new image goes to the daemon as our {@code unikernel update}, which
 * keeps what ran before in the daemon for {@code rollback}, and with {@code --health} has the daemon watch the new
 * image and roll back by itself (docs/protocol.md "Updates"). {@code --force-create} sends albatross's own
 * force-create instead, for robur's daemon, which knows no update: nothing is kept, nothing watched.
 */
final class UpdateCommands {
    private static final long MB = 1024L * 1024L;
    /** Why robur's daemon closes the connection on our update or rollback, and what to do. */
    private static final String NOT_OURS = "; robur's albatrossd, which knows no update or rollback command, closes"
            + " the connection so (update --force-create updates as albatross does, with nothing kept or watched)";

    /** What an update found: the job, the build running, the latest build, where to compare them. */
    record UpdatePlan(String job, String running, String latest, String compare) {
        String text() {
            return job + ": build " + running + " runs, build " + latest + " is the latest; compare at " + compare;
        }
    }

    private static final Arg<String> NAME = Arg.positional("NAME").of(String.class);
    private static final Arg<URI> REPOSITORY = Arg.option("--repository", "--http-host").label("URL")
            .defaultValue(BuilderWeb.DEFAULT_REPOSITORY)
            .describe("The builder-web repository (default ${DEFAULT-VALUE}).").of(URI.class);
    private static final Arg<Boolean> DRY_RUN = Arg.option("--dry-run")
            .describe("Show the running and the latest build, change nothing.").flag();
    private static final Arg<Long> HTTP_TIMEOUT = Arg.option("--http-timeout").label("SECONDS").defaultValue("60")
            .describe("How long each answer of the repository may take (default ${DEFAULT-VALUE}).").of(Long.class);
    private static final Arg<HealthCheck> HEALTH = Arg.option("--health").label("CHECK")
            .describe("Have the daemon watch the new image: exit (still running, not restarted, at the end of the"
                    + " watch), tcp:HOST:PORT or an http(s):// URL (answers within the watch, probed from the"
                    + " daemon's host); if it fails, the daemon runs the previous image again.")
            .of(HealthCheck.class, HealthCheck::parse);
    private static final Arg<Integer> WATCH = Arg.option("--watch").label("SECONDS").defaultValue("60")
            .describe("How long --health watches the new image, 1-" + HealthWatch.MAX_SECONDS
                    + " (default ${DEFAULT-VALUE}).").of(Integer.class);
    private static final Arg<Boolean> FORCE_CREATE = Arg.option("--force-create").describe("Send albatross's"
            + " force-create instead of our update, for robur's albatrossd: the daemon keeps nothing for a rollback"
            + " and watches nothing.").flag();

    static final List<Subcommand> SUBCOMMANDS = List.of(
            Subcommand.named("rollback").describe("Have the daemon run again what NAME ran before its last update"
                    + " (image and configuration); it keeps what it replaces, so a second rollback undoes the first.")
                    .with(Output.OPTIONS).with(NAME).runs(UpdateCommands::rollback),
            Subcommand.named("update").describe("Update the unikernel NAME to the latest build of its job in a"
                    + " builder-web repository; the image's SHA-256 must be the one the repository states. The daemon"
                    + " keeps the image it replaces for rollback; with --health it watches the new one and rolls"
                    + " back by itself when it fails.").with(Output.OPTIONS).with(Compression.OPTIONS)
                    .with(ImageTransfer.VIA, NAME, REPOSITORY, DRY_RUN, HTTP_TIMEOUT, HEALTH, WATCH, FORCE_CREATE)
                    .runs(UpdateCommands::update));

    private UpdateCommands() {
    }

    private static int update(Invocation invocation) throws IOException {
        Output output = new Output(invocation);
        URI repository = invocation.get(REPOSITORY);
        HealthCheck health = invocation.get(HEALTH);
        int watchSeconds = invocation.get(WATCH);
        boolean forceCreate = invocation.get(FORCE_CREATE);
        if (watchSeconds < 1 || watchSeconds > HealthWatch.MAX_SECONDS) {
            throw new ClientFailure(ExitCode.CLI_FAILED, "--watch is 1-" + HealthWatch.MAX_SECONDS
                    + " seconds, not " + watchSeconds);
        }
        if (forceCreate && health != null) {
            throw new ClientFailure(ExitCode.CLI_FAILED, "--health needs our update command, which --force-create"
                    + " does not send: give one of them");
        }
        Name unikernel = Name.parse(invocation.get(NAME));
        UnikernelInfo running = info(output, unikernel);
        if (running.typ() != UnikernelType.SOLO5) {
            throw new ClientFailure(ExitCode.CLI_FAILED, unikernel + " is a " + running.typ()
                    + " unikernel; builder-web builds Solo5 unikernels");
        }
        BuilderWeb builds = new BuilderWeb(repository, Duration.ofSeconds(invocation.get(HTTP_TIMEOUT)));
        Build current = builds.buildOf(running.digest()).orElseThrow(() -> BuilderWeb.failure(
                "couldn't find the unikernel in the repository: no build of " + repository + " has the image "
                        + running.digest().toHex()));
        Build latest = builds.latest(current.job());
        if (latest.equals(current)) {
            output.report(unikernel, new UpdatePlan(current.job(), current.uuid(), latest.uuid(), ""),
                    plan -> "already up to date: " + plan.job() + " build " + plan.running());
            return ExitCode.SUCCESS.code();
        }
        output.report(unikernel, new UpdatePlan(current.job(), current.uuid(), latest.uuid(),
                builds.url(Build.comparePath(current, latest))), UpdatePlan::text);
        if (invocation.get(DRY_RUN)) {
            return ExitCode.SUCCESS.code();
        }
        BuilderWeb.Download download = builds.mainBinary(latest, running.memoryMb() * MB);
        pin(builds, latest, download);
        UnikernelType type = UnikernelCommands.typeOf(Path.of(latest.mainBinaryPath()), download.image());
        Optional<HealthWatch> watch = Optional.ofNullable(health).map(check -> new HealthWatch(check, watchSeconds));
        Function<UnikernelConfig, Command> command = forceCreate ? UnikernelCommand.ForceCreate::new
                : config -> new UnikernelCommand.Update(config, watch);
        return ours(forceCreate, () -> UnikernelCommands.send(output, unikernel, type, download.image(),
                argumentsOf(running), new Compression(invocation), new ImageTransfer(invocation), command));
    }

    private static int rollback(Invocation invocation) throws IOException {
        return ours(false, () -> Exchange.oneShot(new Output(invocation), Name.parse(invocation.get(NAME)),
                new UnikernelCommand.Rollback()));
    }

    /** Runs an exchange of our update or rollback: a connection closed without a reply says where it may come from. */
    private static int ours(boolean albatrossOnly, Step step) throws IOException {
        try {
            return step.run();
        } catch (TransportError e) {
            if (albatrossOnly || e.reason() != TransportError.Reason.COMMUNICATION_FAILED) {
                throw e;
            }
            throw new ClientFailure(ExitCode.COMMUNICATION_FAILED, e.getMessage() + NOT_OURS, e);
        }
    }

    /** One exchange with the daemon, answering the exit status. */
    @FunctionalInterface
    private interface Step {
        int run() throws IOException;
    }

    /**
     * The digest pin: the image must hash to what the repository states for {@code build}, in its file's ETag when it
     * sends one, and in its index, which must name {@code build} for that hash.
     */
    static void pin(BuilderWeb builds, Build build, BuilderWeb.Download download) {
        Octets arrived = download.sha256();
        download.stated().filter(stated -> !stated.equals(arrived)).ifPresent(stated -> {
            throw BuilderWeb.failure("the image downloaded for build " + build.uuid() + " has SHA-256 "
                    + arrived.toHex() + ", the repository states " + stated.toHex() + ": nothing was changed");
        });
        Optional<Build> named = builds.buildOf(arrived);
        if (!named.equals(Optional.of(build))) {
            throw BuilderWeb.failure("the image downloaded for build " + build.uuid() + " has SHA-256 "
                    + arrived.toHex() + ", which the repository states for "
                    + named.map(other -> "build " + other.uuid()).orElse("no build") + ": nothing was changed");
        }
    }

    /** The one unikernel {@code name}, as the daemon describes it. */
    private static UnikernelInfo info(Output output, Name name) throws IOException {
        AtomicReference<Success> reply = new AtomicReference<>();
        Exchange.run(output, name, new UnikernelCommand.Info(), Optional.empty(),
                answer -> reply.set(answer.success()), 0, data -> { });
        if (!(reply.get() instanceof Success.UnikernelInfos infos)) {
            throw new ClientFailure(ExitCode.COMMUNICATION_FAILED, "expected the unikernel's info, got "
                    + reply.get());
        }
        List<Success.NamedUnikernelInfo> found = infos.unikernels();
        if (found.size() != 1) {
            throw new ClientFailure(ExitCode.CLI_FAILED, "update needs one unikernel, " + name + " names "
                    + found.size());
        }
        return found.get(0).info();
    }

    /**
     * The running unikernel's configuration, to run the new image as the old one ran, as albatross's update builds
     * it (the name added to the arguments): block devices and bridges by the host devices the info names.
     */
    static UnikernelArguments argumentsOf(UnikernelInfo info) {
        return new UnikernelArguments(info.failBehaviour(), info.startup(), true, info.cpuIds(), info.memoryMb(),
                info.blockDevices().stream().map(block -> new BlockAttachment(block.device(),
                        Optional.of(deviceLabel(block.hostDevice())), Optional.of(block.sectorSize())))
                        .collect(java.util.stream.Collectors.toSet()),
                info.bridges().stream().map(bridge -> new NetworkAttachment(bridge.netif(),
                        Optional.of(bridge.hostDevice()), Optional.of(bridge.mac())))
                        .collect(java.util.stream.Collectors.toSet()),
                info.arguments(), info.numCpus(), info.linuxBootPartition());
    }

    /** A block's host device as a create names it: albatross's info gives the label, ours the device's name. */
    private static String deviceLabel(String hostDevice) {
        try {
            return Name.parse(hostDevice).label().map(Object::toString).orElse(hostDevice);
        } catch (InvalidName e) {
            return hostDevice;
        }
    }
}
