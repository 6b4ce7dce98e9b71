package org.albatross.client;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.albatross.protocol.BlockAttachment;
import org.albatross.protocol.InvalidName;
import org.albatross.protocol.Name;
import org.albatross.protocol.NetworkAttachment;
import org.albatross.protocol.Octets;
import org.albatross.protocol.Success;
import org.albatross.protocol.UnikernelArguments;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.protocol.UnikernelInfo;
import org.albatross.protocol.UnikernelType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * update: albatross's flow (the running image's SHA-256 looked up in a builder-web repository, the latest build of
 * its job fetched, a force-create of it with the running unikernel's configuration), with the image's digest pinned:
 * what arrived must hash to what the repository states for that build (its file's ETag, and its {@code /hash} index
 * naming that build), else nothing is sent. The running image is fetched first and kept ({@link KeptImages}); with
 * {@code --health} the new one is watched and the kept one force-created again with the old configuration when the
 * check fails; {@code rollback} does the same by hand. Every step is albatross's own command (info, get,
 * force-create), so this works against robur's daemon too, and each force-create lands in the daemon's event log.
 */
@Command
final class UpdateCommands {
    private static final long MB = 1024L * 1024L;
    /** How often a probe is tried again while the watch lasts. */
    private static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);

    /** What an update found: the job, the build running, the latest build, where to compare them. */
    record UpdatePlan(String job, String running, String latest, String compare) {
        String text() {
            return job + ": build " + running + " runs, build " + latest + " is the latest; compare at " + compare;
        }
    }

    @Command(name = "update", description = "Update the unikernel NAME to the latest build of its job in a"
            + " builder-web repository; the image's SHA-256 must be the one the repository states. With --health,"
            + " roll back to the running image when the new one fails the check.")
    static int update(@Mixin Output output, @Mixin Compression compression, @Mixin ImageTransfer transfer,
            @Mixin KeptImages kept,
            @Parameters(paramLabel = "NAME") String name,
            @Option(names = {"--repository", "--http-host"}, paramLabel = "URL",
                    defaultValue = BuilderWeb.DEFAULT_REPOSITORY,
                    description = "The builder-web repository (default ${DEFAULT-VALUE}).") URI repository,
            @Option(names = "--dry-run", description = "Show the running and the latest build, change nothing.")
            boolean dryRun,
            @Option(names = "--http-timeout", paramLabel = "SECONDS", defaultValue = "60",
                    description = "How long each answer of the repository may take (default ${DEFAULT-VALUE}).")
            long timeoutSeconds,
            @Option(names = "--health", paramLabel = "CHECK", converter = HealthCheck.Converter.class,
                    description = "After the update, watch the new image: exit (still running, not restarted, at"
                            + " the end of the watch), tcp:HOST:PORT or an http(s):// URL (answers within the watch);"
                            + " if it fails, the running image is force-created again.") HealthCheck health,
            @Option(names = "--watch", paramLabel = "SECONDS", defaultValue = "60",
                    description = "How long --health watches the new image (default ${DEFAULT-VALUE}).")
            long watchSeconds) throws IOException {
        if (watchSeconds <= 0) {
            throw new ClientFailure(ExitStatus.CLI_FAILED, "--watch must be a positive number of seconds, not "
                    + watchSeconds);
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
        byte[] previous = image(output, unikernel, running, compression);
        kept.keep(unikernel, previous);
        int updated = UnikernelCommands.send(output, unikernel, type, download.image(), argumentsOf(running),
                compression, transfer, true);
        if (updated != ExitStatus.SUCCESS.code() || health == null) {
            return updated;
        }
        Optional<String> failure = watch(output, unikernel, health, Duration.ofSeconds(watchSeconds));
        HealthVerdict verdict = new HealthVerdict(health.toString(), failure.isEmpty(), failure.orElse(""),
                current.uuid(), latest.uuid());
        output.report(unikernel, verdict, HealthVerdict::text);
        if (verdict.healthy()) {
            return ExitStatus.SUCCESS.code();
        }
        int restored = UnikernelCommands.send(output, unikernel, running.typ(), previous, argumentsOf(running),
                compression, transfer, true);
        return restored == ExitStatus.SUCCESS.code() ? ExitStatus.REMOTE_COMMAND_FAILED.code() : restored;
    }

    @Command(name = "rollback", description = "Run the image the last update of NAME replaced again, with NAME's"
            + " configuration; the image it replaces is kept in its place, so a second rollback undoes the first.")
    static int rollback(@Mixin Output output, @Mixin Compression compression, @Mixin ImageTransfer transfer,
            @Mixin KeptImages kept, @Parameters(paramLabel = "NAME") String name) throws IOException {
        Name unikernel = Name.parse(name);
        UnikernelInfo running = info(output, unikernel);
        byte[] previous = kept.kept(unikernel);
        if (ImageDigest.of(previous).equals(running.digest())) {
            throw new ClientFailure(ExitStatus.CLI_FAILED, unikernel + " runs the kept image "
                    + running.digest().toHex() + " already; nothing was changed");
        }
        byte[] replaced = image(output, unikernel, running, compression);
        int restored = UnikernelCommands.send(output, unikernel, running.typ(), previous, argumentsOf(running),
                compression, transfer, true);
        if (restored == ExitStatus.SUCCESS.code()) {
            kept.keep(unikernel, replaced);
        }
        return restored;
    }

    /** What the health check found: the new build kept, or the running one force-created again. */
    record HealthVerdict(String check, boolean healthy, String reason, String previous, String latest) {
        String text() {
            return healthy ? "build " + latest + " passed the health check " + check
                    : "build " + latest + " failed the health check " + check + " (" + reason
                            + "): rolling back to build " + previous;
        }
    }

    /**
     * Watches {@code unikernel} for {@code period}: empty when it passed {@code check}, else why not. A probe passes
     * as soon as it succeeds once; {@code exit} is judged at the end.
     */
    static Optional<String> watch(Output output, Name unikernel, HealthCheck check, Duration period)
            throws IOException {
        long deadline = System.nanoTime() + period.toNanos();
        if (check instanceof HealthCheck.Probe probe) {
            Optional<String> failure = probe.failure();
            while (failure.isPresent() && System.nanoTime() < deadline) {
                pauseUntil(Math.min(deadline, System.nanoTime() + PROBE_INTERVAL.toNanos()));
                failure = probe.failure();
            }
            return failure.map(reason -> "no success within " + period.toSeconds() + " s, the last: " + reason);
        }
        UnikernelInfo first = info(output, unikernel);
        pauseUntil(deadline);
        return HealthCheck.StillRunning.verdict(first, info(output, unikernel));
    }

    /** The watch waits in the client's own thread: nothing else runs meanwhile. */
    private static void pauseUntil(long deadline) {
        try {
            TimeUnit.NANOSECONDS.sleep(deadline - System.nanoTime());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientFailure(ExitStatus.INTERNAL_ERROR, "interrupted while watching the new image");
        }
    }

    /**
     * The image {@code name} runs, kept for a rollback: it must be the one {@code running} names by its digest, so
     * that a unikernel replaced by someone else meanwhile is not taken for it.
     */
    private static byte[] image(Output output, Name name, UnikernelInfo running, Compression compression)
            throws IOException {
        AtomicReference<byte[]> image = new AtomicReference<>();
        Exchange.run(output, name, new UnikernelCommand.Get(compression.level(output.target().remote())),
                Optional.empty(), answer -> image.set(ImageFile.imageOf(answer.success())), 0, data -> { });
        if (image.get() == null) {
            throw new ClientFailure(ExitStatus.COMMUNICATION_FAILED, "the daemon sent no image of " + name);
        }
        Octets digest = ImageDigest.of(image.get());
        if (!digest.equals(running.digest())) {
            throw new ClientFailure(ExitStatus.COMMUNICATION_FAILED, "the daemon's image of " + name + " has SHA-256 "
                    + digest.toHex() + ", its info " + running.digest().toHex() + ": nothing was changed");
        }
        return image.get();
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
