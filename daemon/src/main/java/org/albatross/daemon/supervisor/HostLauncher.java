package org.albatross.daemon.supervisor;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.albatross.daemon.reply.CommandFailed;
import org.albatross.daemon.store.NameOnDisk;
import org.albatross.protocol.BlockAttachment;
import org.albatross.protocol.Name;
import org.albatross.protocol.NetworkAttachment;
import org.albatross.daemon.state.UnikernelSpec;
import org.albatross.protocol.UnikernelArguments;
import org.albatross.protocol.UnikernelInfo;
import org.albatross.vmm.DefaultMac;
import org.albatross.vmm.ExitStatus;
import org.albatross.vmm.HostCommandFailed;
import org.albatross.vmm.HostResources;
import org.albatross.vmm.HostVmms;
import org.albatross.vmm.ImageRejected;
import org.albatross.vmm.LaunchPlan;
import org.albatross.vmm.LaunchRefused;
import org.albatross.vmm.MonitorRecord;
import org.albatross.vmm.RunDirectory;
import org.albatross.vmm.RunRoot;
import org.albatross.vmm.UnikernelImage;
import org.albatross.vmm.MonitorWatch;
import org.albatross.vmm.ProcessLauncher;
import org.albatross.vmm.TenderIdentity;
import org.albatross.vmm.TenderProcess;
import org.albatross.vmm.VmmAdapter;
import org.albatross.vmm.net.HostNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Launches unikernels on this host through the VMM adapters: admits the decided image (which the tender runs from the
 * image store), prepares the unikernel's run directory under tmpdir (or takes the one made ahead while the image was
 * stored, {@link #prepareAhead}), makes a tap per network interface, finds the block device files, asks the adapter
 * for a plan and starts it as a {@link TenderProcess}: the tender, started by the spawner, is the only process
 * started, and nothing is forced to disk.
 */
public final class HostLauncher implements Launcher, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HostLauncher.class);
    private static final int DEFAULT_SECTOR_SIZE = 512;

    private final HostVmms vmms;
    private final AdapterSwitches switches;
    private final HostNetwork network;
    private final RunRoot runRoot;
    private final BlockDirectory blocks;
    private final Duration stopGrace;
    private final WatchStarting watch;
    /** The names whose run directory {@link #prepareAhead} made and no launch has used yet. The state thread's. */
    private final Set<Name> preparedAhead = new HashSet<>();

    /** The monitor watch, perhaps still starting (its event loop is Netty's first use): waited for at its first use. */
    @FunctionalInterface
    public interface WatchStarting {
        /** @throws IOException why it did not start */
        MonitorWatch await() throws IOException;
    }

    /**
     * @param switches the adapters the configuration enables
     * @param runRoot where each unikernel gets a run directory for its image and files
     * @param stopGrace how long a monitor has between SIGTERM and SIGKILL
     * @param watch reads the consoles and notices the exits of the tenders this launcher starts or adopts; the
     *     launcher owns it and the run root's spawner, and closes both
     */
    public HostLauncher(HostVmms vmms, AdapterSwitches switches, HostNetwork network, RunRoot runRoot,
            BlockDirectory blocks, Duration stopGrace, WatchStarting watch) {
        this.vmms = vmms;
        this.switches = switches;
        this.network = network;
        this.runRoot = runRoot;
        this.blocks = blocks;
        this.stopGrace = stopGrace;
        this.watch = watch;
    }

    @Override
    public Launch launch(Name name, UnikernelSpec spec, UnikernelImage image, Consumer<String> console)
            throws CommandFailed {
        UnikernelArguments config = spec.arguments();
        VmmAdapter adapter = adapterFor(image, config);
        RunDirectory runDirectory = runDirectory(name);
        List<String> taps = new ArrayList<>();
        try {
            if (!preparedAhead.remove(name)) {
                runDirectory.prepare(ProcessLauncher.SYSTEM);
            }
            Map<String, String> tapByNetif = new LinkedHashMap<>();
            List<UnikernelInfo.Network> networks = new ArrayList<>();
            for (NetworkAttachment attachment : config.networksInOrder()) {
                String tap = network.createTap(attachment.hostBridge());
                taps.add(tap);
                tapByNetif.put(attachment.netif(), tap);
                networks.add(new UnikernelInfo.Network(attachment.netif(), tap,
                        DefaultMac.unlessGiven(attachment, name)));
            }
            Map<String, Path> fileByBlock = new LinkedHashMap<>();
            List<UnikernelInfo.Block> blockInfos = new ArrayList<>();
            for (BlockAttachment attachment : config.blocksInOrder()) {
                Name device = attachment.hostDeviceOf(name);
                Path file = blocks.file(device);
                fileByBlock.put(attachment.name(), file);
                blockInfos.add(new UnikernelInfo.Block(attachment.name(), device.toString(),
                        attachment.sectorSize().orElse(DEFAULT_SECTOR_SIZE), blocks.sizeMb(device)));
            }
            LaunchPlan plan = adapter.plan(name, config, new HostResources(image.file(), runDirectory.path(),
                    tapByNetif, fileByBlock));
            String adapterName = adapter.getClass().getSimpleName();
            MonitorRecord planned = new MonitorRecord(MonitorRecord.NOT_YET_STARTED, Instant.EPOCH, adapterName,
                    plan.exitEncoding(), spec.imageDigest(), networks, plan.after());
            recordMonitor(runDirectory, planned);
            // The record is not written again with the pid: the spawner's pid file completes it for a successor
            // (completedFromPidFile), and the state thread is free sooner for the tender's exit.
            TenderProcess process = TenderProcess.start(plan, runDirectory, name.toString(),
                    console, ProcessLauncher.SYSTEM, stopGrace, watch.await());
            return new Launch(monitor(process), adapterName, plan.command(), blockInfos, networks,
                    () -> release(runDirectory, taps));
        } catch (IOException | HostCommandFailed | LaunchRefused e) {
            release(runDirectory, taps);
            throw new CommandFailed("cannot create " + name + ": " + e.getMessage());
        } catch (RuntimeException | Error e) {
            release(runDirectory, taps);
            throw e;
        }
    }

    @Override
    public void prepareAhead(Name name) {
        try {
            runDirectory(name).prepare(ProcessLauncher.SYSTEM);
            preparedAhead.add(name);
        } catch (IOException e) {
            // The launch makes it again, and refuses the create if it still cannot.
            preparedAhead.remove(name);
        }
    }

    @Override
    public void dropAhead(Name name) {
        if (preparedAhead.remove(name)) {
            release(runDirectory(name), List.of());
        }
    }

    /** Stops reading consoles and ends the monitor spawner; the tenders and their monitors go on. */
    @Override
    public void close() {
        try {
            watch.await().close();
        } catch (IOException neverStarted) {
            // nothing to close: the daemon's start failed with this already
        }
        runRoot.close();
    }

    @Override
    public Readoption previous(Name name, UnikernelSpec spec) {
        RunDirectory runDirectory = runDirectory(name);
        try {
            Optional<MonitorRecord> record = runDirectory.record().map(found ->
                    found.pid() == MonitorRecord.NOT_YET_STARTED ? completedFromPidFile(found, runDirectory) : found);
            return Readoption.decide(record, spec.imageDigest(), record.map(found -> TenderIdentity.isRunning(
                    found.pid(), found.started())).orElse(false), runDirectory.exitStatus());
        } catch (IOException e) {
            return new Readoption.StartAgain("its run directory " + runDirectory + " cannot be read: "
                    + e.getMessage());
        }
    }

    @Override
    public Launch adopt(Name name, Readoption.Adopt found, Consumer<String> console) throws CommandFailed {
        MonitorRecord record = found.record();
        RunDirectory runDirectory = runDirectory(name);
        try {
            TenderProcess process = TenderProcess.adopt(runDirectory, record.pid(),
                    record.started(), record.encoding(), record.after(), console, ProcessLauncher.SYSTEM, stopGrace,
                    watch.await());
            List<String> taps = record.networks().stream().map(UnikernelInfo.Network::hostDevice).toList();
            return new Launch(monitor(process), record.adapter(), List.of(), List.of(), record.networks(),
                    () -> release(runDirectory, taps));
        } catch (IOException e) {
            throw new CommandFailed("cannot adopt process " + record.pid() + " of " + name + ": " + e.getMessage());
        }
    }

    @Override
    public void release(Name name, MonitorRecord record) {
        release(runDirectory(name), record.networks().stream().map(UnikernelInfo.Network::hostDevice).toList());
    }

    private RunDirectory runDirectory(Name name) {
        return runRoot.directory(NameOnDisk.of(name));
    }

    @Override
    public List<String> removeStrays(java.util.Set<Name> known) {
        java.util.Set<String> onDisk = known.stream().map(NameOnDisk::of).collect(java.util.stream.Collectors.toSet());
        List<String> removed = new ArrayList<>();
        List<String> names;
        try {
            names = runRoot.directoryNames();
        } catch (IOException e) {
            LOG.warn("could not list {} for tenders no unikernel owns: {}", runRoot.path(), e.getMessage());
            return removed;
        }
        for (String name : names) {
            if (onDisk.contains(name)) {
                continue;
            }
            RunDirectory stray = runRoot.directory(name);
            try {
                Optional<MonitorRecord> record = stray.record().map(found -> found.pid() == MonitorRecord
                        .NOT_YET_STARTED ? completedFromPidFile(found, stray) : found);
                record.flatMap(found -> TenderIdentity.handle(found.pid(), found.started()))
                        .ifPresent(ProcessHandle::destroyForcibly);
                release(stray, record.map(found -> found.networks().stream()
                        .map(UnikernelInfo.Network::hostDevice).toList()).orElse(List.of()));
                removed.add(name);
            } catch (IOException e) {
                LOG.warn("could not remove the stray run directory {}: {}", stray, e.getMessage());
            }
        }
        return removed;
    }

    /**
     * The record, written before its tender started, with the tender's pid from the spawner's pid file. The process of
     * that pid is the tender only if it runs from this run directory.
     */
    private static MonitorRecord completedFromPidFile(MonitorRecord planned, RunDirectory runDirectory) {
        try {
            OptionalLong pid = runDirectory.tenderPid();
            return pid.isEmpty() ? planned : planned.startedAs(pid.getAsLong(),
                    TenderIdentity.startOfTenderIn(pid.getAsLong(), runDirectory.path()).orElse(Instant.EPOCH));
        } catch (IOException | NumberFormatException noTenderYet) {
            return planned;
        }
    }

    /** A failure here leaves the tender running but not adoptable: the next daemon would start a second one. */
    private static void recordMonitor(RunDirectory runDirectory, MonitorRecord record) {
        try {
            runDirectory.record(record);
        } catch (IOException e) {
            LOG.error("could not record the monitor of process {} in {}; a daemon restart will not adopt it: {}",
                    record.pid(), runDirectory, e.getMessage());
        }
    }

    private VmmAdapter adapterFor(UnikernelImage image, UnikernelArguments arguments) throws CommandFailed {
        try {
            switches.admit(image.backend());
            VmmAdapter adapter = vmms.adapterFor(image);
            adapter.admit(image, arguments);
            return adapter;
        } catch (ImageRejected e) {
            throw new CommandFailed(e.getMessage());
        }
    }

    private void release(RunDirectory runDirectory, List<String> taps) {
        for (String tap : taps) {
            try {
                network.removeTap(tap);
            } catch (HostCommandFailed e) {
                LOG.warn("could not remove tap {}: {}", tap, e.getMessage());
            }
        }
        try {
            runDirectory.remove();
        } catch (IOException e) {
            LOG.warn("could not remove the run directory {}: {}", runDirectory, e.getMessage());
        }
    }

    private static MonitorProcess monitor(TenderProcess process) {
        return new MonitorProcess() {
            @Override
            public long pid() {
                return process.pid();
            }

            @Override
            public CompletableFuture<ExitStatus> exit() {
                return process.exit();
            }

            @Override
            public void stop() {
                process.stop();
            }
        };
    }
}
