package org.albatross.client;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
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
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * update: albatross's flow (the running image's SHA-256 looked up in a builder-web repository, the latest build of
 * its job fetched, the new image run with the running unikernel's configuration), with the image's digest pinned:
 * what arrived must hash to what the repository states for that build (its file's ETag, and its {@code /hash} index
 * naming that build), else nothing is sent. The new image goes to the daemon as our {@code unikernel update}, which
 * keeps what ran before in the daemon for {@code rollback}, and with {@code --health} has the daemon watch the new
 * image and roll back by itself (docs/protocol.md "Updates"). {@code --force-create} sends albatross's own
 * force-create instead, for robur's daemon, which knows no update: nothing is kept, nothing watched.
 */
@picocli.CommandLine.Command
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

    @picocli.CommandLine.Command(name = "update", description = "Update the unikernel NAME to the latest build of its job in a"
            + " builder-web repository; the image's SHA-256 must be the one the repository states. The daemon keeps"
            + " the image it replaces for rollback; with --health it watches the new one and rolls back by itself"
            + " when it fails.")
    static int update(@Mixin Output output, @Mixin Compression compression, @Mixin ImageTransfer transfer,
            @Parameters(paramLabel = "NAME") String name,
            @Option(names = {"--repository", "--http-host"}, paramLabel = "URL",
                    defaultValue = BuilderWeb.DEFAULT_REPOSITORY,
                    description = "The builder-web repository (default ${DEFAULT-VALUE}).") URI repository,
            @Option(names = "--dry-run", description = "Show the running and the latest build, change nothing.")
            boolean dryRun,
            @Option(names = "--http-timeout", paramLabel = "SECONDS", defaultValue = "60",
                    description = "How long each answer of the repository may take (default ${DEFAULT-VALUE}).")
            long timeoutSeconds,
            @Option(names = "--health", paramLabel = "CHECK", converter = HealthCheckConverter.class,
                    description = "Have the daemon watch the new image: exit (still running, not restarted, at the"
                            + " end of the watch), tcp:HOST:PORT or an http(s):// URL (answers within the watch,"
                            + " probed from the daemon's host); if it fails, the daemon runs the previous image"
                            + " again.") HealthCheck health,
            @Option(names = "--watch", paramLabel = "SECONDS", defaultValue = "60",
                    description = "How long --health watches the new image, 1-" + HealthWatch.MAX_SECONDS
                            + " (default ${DEFAULT-VALUE}).") int watchSeconds,
            @Option(names = "--force-create", description = "Send albatross's force-create instead of our update,"
                    + " for robur's albatrossd: the daemon keeps nothing for a rollback and watches nothing.")
            boolean forceCreate) throws IOException {
        if (watchSeconds < 1 || watchSeconds > HealthWatch.MAX_SECONDS) {
            throw new ClientFailure(ExitStatus.CLI_FAILED, "--watch is 1-" + HealthWatch.MAX_SECONDS
                    + " seconds, not " + watchSeconds);
        }
        if (forceCreate && health != null) {
            throw new ClientFailure(ExitStatus.CLI_FAILED, "--health needs our update command, which --force-create"
                    + " does not send: give one of them");
        }
        Name unikernel = Name.parse(name);
        UnikernelInfo running = info(output, unikernel);
        if (running.typ() != UnikernelType.SOLO5) {
            throw new ClientFailure(ExitStatus.CLI_FAILED, unikernel + " is a " + running.typ()
                    + " unikernel; builder-web builds Solo5 unikernels");
        }
        BuilderWeb builds = new BuilderWeb(repository, Duration.ofSeconds(timeoutSeconds));
        Build current = builds.buildOf(running.digest()).orElseThrow(() -> BuilderWeb.failure(
                "couldn't find the unikernel in the repository: no build of " + repository + " has the image "
                        + running.digest().toHex()));
        Build latest = builds.latest(current.job());
        if (latest.equals(current)) {
            output.report(unikernel, new UpdatePlan(current.job(), current.uuid(), latest.uuid(), ""),
                    plan -> "already up to date: " + plan.job() + " build " + plan.running());
            return ExitStatus.SUCCESS.code();
        }
        output.report(unikernel, new UpdatePlan(current.job(), current.uuid(), latest.uuid(),
                builds.url(Build.comparePath(current, latest))), UpdatePlan::text);
        if (dryRun) {
            return ExitStatus.SUCCESS.code();
        }
        BuilderWeb.Download download = builds.mainBinary(latest, running.memoryMb() * MB);
        pin(builds, latest, download);
        UnikernelType type = UnikernelCommands.typeOf(Path.of(latest.mainBinaryPath()), download.image());
        Optional<HealthWatch> watch = Optional.ofNullable(health).map(check -> new HealthWatch(check, watchSeconds));
        Function<UnikernelConfig, Command> command = forceCreate ? UnikernelCommand.ForceCreate::new
                : config -> new UnikernelCommand.Update(config, watch);
        return ours(forceCreate, () -> UnikernelCommands.send(output, unikernel, type, download.image(),
                argumentsOf(running), compression, transfer, command));
    }

    @picocli.CommandLine.Command(name = "rollback", description = "Have the daemon run again what NAME ran before its last update (image"
            + " and configuration); it keeps what it replaces, so a second rollback undoes the first.")
    static int rollback(@Mixin Output output, @Parameters(paramLabel = "NAME") String name) throws IOException {
        return ours(false, () -> Exchange.oneShot(output, Name.parse(name), new UnikernelCommand.Rollback()));
    }

    /** Runs an exchange of our update or rollback: a connection closed without a reply says where that may come from. */
    private static int ours(boolean albatrossOnly, Step step) throws IOException {
        try {
            return step.run();
        } catch (TransportError e) {
            if (albatrossOnly || e.reason() != TransportError.Reason.COMMUNICATION_FAILED) {
                throw e;
            }
            throw new ClientFailure(ExitStatus.COMMUNICATION_FAILED, e.getMessage() + NOT_OURS, e);
        }
    }

    /** One exchange with the daemon, answering the exit status. */
    @FunctionalInterface
    private interface Step {
        int run() throws IOException;
    }

    /** picocli's converter for {@code --health}: the spelling is the protocol's own. */
    static final class HealthCheckConverter implements ITypeConverter<HealthCheck> {
        @Override
        public HealthCheck convert(String value) {
            try {
                return HealthCheck.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
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
            throw new ClientFailure(ExitStatus.COMMUNICATION_FAILED, "expected the unikernel's info, got " + reply.get());
        }
        List<Success.NamedUnikernelInfo> found = infos.unikernels();
        if (found.size() != 1) {
            throw new ClientFailure(ExitStatus.CLI_FAILED, "update needs one unikernel, " + name + " names "
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
