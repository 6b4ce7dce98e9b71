package org.albatross.daemon;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.albatross.config.DaemonConfig;
import org.albatross.console.ConsoleLimits;
import org.albatross.console.Consoles;
import org.albatross.daemon.consolefiles.ConsoleFiles;
import org.albatross.daemon.dispatch.ConsoleService;
import org.albatross.daemon.dispatch.Dispatcher;
import org.albatross.daemon.dispatch.EventLogService;
import org.albatross.daemon.events.EventLog;
import org.albatross.daemon.events.EventLogSettings;
import org.albatross.daemon.endpoint.LocalEndpoint;
import org.albatross.daemon.endpoint.activation.InheritedSockets;
import org.albatross.daemon.endpoint.activation.PassedSocket;
import org.albatross.daemon.endpoint.tls.TlsEndpoint;
import org.albatross.daemon.metrics.DaemonMeters;
import org.albatross.daemon.metrics.InfluxMetrics;
import org.albatross.daemon.stats.LinuxStatistics;
import org.albatross.daemon.stats.Sample;
import org.albatross.daemon.stats.StatisticsSource;
import org.albatross.daemon.stats.StatsCollector;
import org.albatross.daemon.stats.StatsService;
import org.albatross.daemon.state.DaemonState;
import org.albatross.daemon.state.AlbatrossStateImport;
import org.albatross.daemon.state.SavedState;
import org.albatross.daemon.store.PrivateFiles;
import org.albatross.daemon.store.StateStore;
import org.albatross.daemon.supervisor.BlockDirectory;
import org.albatross.daemon.supervisor.AdapterSwitches;
import org.albatross.daemon.store.ImageStore;
import org.albatross.daemon.supervisor.HostLauncher;
import org.albatross.daemon.supervisor.ImageIntake;
import org.albatross.daemon.supervisor.Supervisor;
import org.albatross.policy.PolicyViolation;
import org.albatross.policy.ResourceTree;
import org.albatross.protocol.Event;
import org.albatross.protocol.netty.FrameDecoder;
import org.albatross.vmm.HostPlatform;
import org.albatross.vmm.BhyveAdapter;
import org.albatross.vmm.HostVmms;
import org.albatross.vmm.KvmAccess;
import org.albatross.vmm.MonitorWatch;
import org.albatross.vmm.ProcessLauncher;
import org.albatross.vmm.QemuAccelerator;
import org.albatross.vmm.RunRoot;
import org.albatross.vmm.Solo5Tenders;
import org.albatross.vmm.TenderLocator;
import org.albatross.vmm.net.FreeBsdNetwork;
import org.albatross.vmm.net.HostNetwork;
import org.albatross.vmm.net.LinuxNetwork;
import org.albatross.vmm.solo5.Solo5Target;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running albatrossd: the supervisor with the root policy, the consoles, and the local endpoint. {@link #start}
 * returns once the socket accepts connections; {@link #close} stops serving and, with {@code shutdown = "stop"},
 * stops every unikernel.
 */
public final class Daemon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);
    /** How long a monitor has between SIGTERM and SIGKILL. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    /** How long the daemon waits for its unikernels to end when it stops them at shutdown. */
    private static final Duration SHUTDOWN_PATIENCE = STOP_GRACE.plusSeconds(5);
    /** The largest image the daemon takes (a bhyve disk image; others are bounded by their memory). */
    private static final long MAX_IMAGE_BYTES = 512L * 1024 * 1024;

    private final DaemonConfig config;
    private final Supervisor supervisor;
    private final HostLauncher launcher;
    private final ImageIntake intake;
    private final Consoles consoles;
    private final ConsoleFiles consoleFiles;
    private final LocalEndpoint endpoint;
    private final EventLog events;
    private final EventRecorder recorder;
    private final Optional<TlsEndpoint> remote;
    private final StatsCollector statistics;
    private final Optional<InfluxMetrics> metrics;
    private final HostVmms vmms;
    private final HeapReturn heap;

    private Daemon(DaemonConfig config, Supervisor supervisor, HostLauncher launcher, ImageIntake intake,
            Consoles consoles, ConsoleFiles consoleFiles, LocalEndpoint endpoint, EventLog events,
            EventRecorder recorder, Optional<TlsEndpoint> remote, StatsCollector statistics,
            Optional<InfluxMetrics> metrics, HostVmms vmms, HeapReturn heap) {
        this.config = config;
        this.supervisor = supervisor;
        this.launcher = launcher;
        this.intake = intake;
        this.consoles = consoles;
        this.consoleFiles = consoleFiles;
        this.endpoint = endpoint;
        this.events = events;
        this.recorder = recorder;
        this.remote = remote;
        this.statistics = statistics;
        this.metrics = metrics;
        this.vmms = vmms;
        this.heap = heap;
    }

    /**
     * Reads the remote endpoint's files, restores the saved state, starting its unikernels, then serves.
     *
     * @param startOverDamagedState start from what is left when the saved state is damaged, instead of refusing
     * @param inherited the sockets systemd passed, served instead of binding ({@link InheritedSockets#NONE}: none)
     */
    public static Daemon start(DaemonConfig config, boolean startOverDamagedState, InheritedSockets inherited)
            throws IOException, SavedState.StateRefused {
        if (inherited.local().isEmpty()) {
            // A passed socket answers by itself; only a daemon that binds its own asks whether another serves there.
            LocalEndpoint.refuseIfServed(config.socket().path());
        }
        HostPlatform platform = HostPlatform.current();
        HostNetwork network = platform == HostPlatform.LINUX ? new LinuxNetwork(ProcessLauncher.SYSTEM)
                : new FreeBsdNetwork(ProcessLauncher.SYSTEM);
        // Meanwhile the state and the event log are read and the state restored: the console reader's event loop
        // (Netty's first use: tens of milliseconds of class loading and probing; a restore waits for it only where it
        // adopts or starts a unikernel), the listing of the host's bridges (it runs `ip`), and the local endpoint up
        // to accepting (Netty's server classes and the reflection over its handlers).
        Ahead<MonitorWatch> monitorWatch = Ahead.start("albatross-start-monitors", MonitorWatch::start);
        Ahead<Set<String>> bridges = Ahead.start("albatross-start-bridges", () -> RootPolicy.bridges(network));
        Ahead<LocalEndpoint> local = Ahead.start("albatross-start-endpoint", () -> LocalEndpoint.open(config.socket(),
                inherited.local(), FrameDecoder.DEFAULT_MAX_FRAME_LENGTH));
        Optional<TlsEndpoint.Credentials> remoteCredentials = remoteCredentials(config);
        Clock clock = Clock.systemUTC();
        ImageStore images = ImageStore.open(config.dbdir().resolve("images"));
        SavedState saved = new SavedState(StateStore.open(config.dbdir()), images, MAX_IMAGE_BYTES, clock);
        Path blockDirectory = PrivateFiles.directory(config.dbdir().resolve("block"));
        BlockDirectory blocks = new BlockDirectory(blockDirectory);
        Optional<Event.StateImported> imported = AlbatrossStateImport.ifAlbatross(config.dbdir(), images,
                MAX_IMAGE_BYTES, blocks::adoptAlbatrossFiles, saved, clock);
        DaemonState restored = saved.load(startOverDamagedState);
        EventLog events = EventLog.open(config.dbdir().resolve("events"), EventLogSettings.DEFAULT, clock);
        Optional<InfluxMetrics> metrics = InfluxMetrics.start(config.metrics(), clock);
        DaemonMeters daemonMeters = metrics.map(InfluxMetrics::daemon).orElse(DaemonMeters.NONE);
        EventRecorder recorder = new EventRecorder(events, daemonMeters,
                event -> metrics.ifPresent(pushed -> pushed.onEvent(event)));
        recorder.record(new Event.Startup());
        imported.ifPresent(recorder::record);
        RunRoot runRoot = RunRoot.open(PrivateFiles.directory(config.tmpdir().resolve("run")));
        DaemonConfig.Console console = config.console();
        ConsoleFiles consoleFiles = ConsoleFiles.start(config.dbdir(), console.diskSize().bytes());
        // Read beside main's set-up of the launcher and the root policy (a file or two per kept console: 15-19 ms of
        // CPU for 100), restored before the first unikernel starts.
        Ahead<List<ConsoleFiles.KeptConsole>> kept = Ahead.start("albatross-start-consoles",
                () -> consoleFiles.kept(console.ringLines()));
        Consoles consoles = new Consoles(new ConsoleLimits(console.ringLines(), console.subscribers(),
                console.subscriberQueue()), clock, consoleFiles);
        daemonMeters.consoleLinesNotWritten(consoleFiles, ConsoleFiles::dropped);
        HostVmms vmms = new HostVmms(probe(config, platform), programs(config.adapters()));
        HostLauncher launcher = new HostLauncher(vmms,
                AdapterSwitches.of(config.adapters()), network, runRoot, blocks, STOP_GRACE, monitorWatch::take);
        ResourceTree tree;
        try {
            tree = ResourceTree.EMPTY.insertPolicy(org.albatross.protocol.Path.ROOT,
                    RootPolicy.discover(platform, blockDirectory, bridges.take()));
        } catch (PolicyViolation e) {
            throw new IllegalStateException("the discovered root policy is not usable: " + e.getMessage(), e);
        }
        ImageIntake intake = new ImageIntake(images, MAX_IMAGE_BYTES);
        Supervisor supervisor = new Supervisor(launcher, consoles, blocks, images, intake, clock, tree,
                config.restart(), new TimedStatePersistence(saved, daemonMeters), recorder);
        daemonMeters.unikernels("restarting", supervisor::waitingToRestart);
        daemonMeters.unikernels("stopped", supervisor::stopped);
        restoreConsoles(consoles, consoleFiles, kept.take());
        supervisor.restore(restored);
        StatisticsSource source = new LinuxStatistics(Path.of("/"));
        StatsService stats = new StatsService(supervisor::running, source);
        List<Consumer<List<Sample>>> listeners = new ArrayList<>(List.of(stats));
        metrics.ifPresent(pushed -> listeners.addAll(pushed.statistics()));
        StatsCollector statistics = new StatsCollector(supervisor::running, source, listeners,
                () -> metrics.isPresent() || stats.subscribed());
        if (platform == HostPlatform.LINUX) {
            statistics.start(config.stats().interval());
        } else {
            LOG.warn("no unikernel statistics on {}: only Linux's /proc is read so far", platform);
        }
        ConsoleService consoleService = new ConsoleService(consoles, clock);
        daemonMeters.consoleSubscribers(consoleService::subscribers);
        Dispatcher dispatcher = new Dispatcher(supervisor, intake, consoleService,
                new EventLogService(events), stats, daemonMeters);
        monitorWatch.take(); // it started (the launcher waits for it where a restore needs it first), or why not
        LocalEndpoint endpoint;
        Optional<TlsEndpoint> remote = Optional.empty();
        try {
            endpoint = local.take();
            endpoint.serve(dispatcher);
            if (remoteCredentials.isPresent()) {
                remote = Optional.of(startRemote(remoteCredentials.get(), inherited.tls(), dispatcher, recorder, clock,
                        endpoint));
            }
        } catch (IOException e) {
            statistics.close();
            supervisor.stopAll(SHUTDOWN_PATIENCE);
            supervisor.close();
            intake.close();
            launcher.close();
            consoleFiles.close();
            metrics.ifPresent(InfluxMetrics::close);
            events.close();
            throw e;
        }
        LOG.info("albatrossd ready on {}", endpoint.path());
        CompilerPriority.normalSoonAfterReady();
        reportEventLogDamage(events);
        return new Daemon(config, supervisor, launcher, intake, consoles, consoleFiles, endpoint, events, recorder,
                remote, statistics, metrics, vmms, HeapReturn.start());
    }

    /**
     * The damage the event log's older segments hold, reported once the daemon serves, on a thread of its own: a full
     * log keeps 64 MiB, which a start should not wait to read (opening the log reads its newest segment alone).
     */
    private static void reportEventLogDamage(EventLog events) {
        Thread check = new Thread(() -> {
            try {
                events.reportDamage();
            } catch (IOException e) {
                LOG.warn("the event log's older segments could not be read for damage: {}", e.getMessage());
            }
        }, "event-log-check");
        check.setDaemon(true);
        check.start();
    }

    /** The consoles kept in {@code dbdir/consoles}, inactive until their unikernels start again. */
    private static void restoreConsoles(Consoles consoles, ConsoleFiles files, List<ConsoleFiles.KeptConsole> kept) {
        kept.forEach(console -> consoles.restore(console.name(), console.lines()));
        LOG.info("consoles restored from {}: {}", files.directory(), kept.size());
    }

    /** The remote endpoint's files, read before anything starts ({@link TlsEndpoint.Credentials}). */
    private static Optional<TlsEndpoint.Credentials> remoteCredentials(DaemonConfig config) throws IOException {
        if (config.tls().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(TlsEndpoint.Credentials.read(config.tls().get(), TlsEndpoint.preferredProvider()));
        } catch (RuntimeException e) {
            throw new IOException("cannot start the remote endpoint: " + e.getMessage(), e);
        }
    }

    private static TlsEndpoint startRemote(TlsEndpoint.Credentials credentials, Optional<PassedSocket.Tcp> passed,
            Dispatcher dispatcher, EventRecorder recorder, Clock clock, LocalEndpoint local) throws IOException {
        try {
            return passed.isPresent()
                    ? TlsEndpoint.adopt(credentials, passed.get(), dispatcher, recorder::record, clock)
                    : TlsEndpoint.bind(credentials, dispatcher, recorder::record, clock);
        } catch (IOException | RuntimeException e) {
            local.close();
            throw e instanceof IOException io ? io : new IOException("cannot start the remote endpoint: "
                    + e.getMessage(), e);
        }
    }

    /**
     * SIGHUP: probes the host's tenders and KVM again, re-reads the revocation list and forgets the inactive consoles
     * whose files the operator deleted, then records the hang-up (so that a {@code Hup} event in the log means creates
     * already use what was found).
     */
    public void hangUp() {
        vmms.replace(probe(config, HostPlatform.current()));
        remote.ifPresent(TlsEndpoint::reloadRevocations);
        try {
            consoles.retainInactive(consoleFiles.names());
        } catch (IOException e) {
            LOG.warn("the console files in {} could not be listed, so no console was pruned: {}",
                    consoleFiles.directory(), e.getMessage());
        }
        recorder.record(new Event.Hup());
    }

    /**
     * What this host offers the adapters, found once (at start and on SIGHUP, never per create) and logged: the Solo5
     * tenders of the enabled targets, and whether /dev/kvm works for solo5-hvt and QEMU. On FreeBSD solo5-hvt uses
     * vmm(4), which is left to the tender to check.
     */
    private static HostVmms.Probe probe(DaemonConfig config, HostPlatform platform) {
        DaemonConfig.Adapters adapters = config.adapters();
        DaemonConfig.Solo5 solo5 = adapters.solo5();
        KvmAccess kvm = KvmAccess.probe(KvmAccess.DEVICE);
        Map<Solo5Target, Path> configured = new EnumMap<>(Solo5Target.class);
        solo5.hvtTender().ifPresent(program -> configured.put(Solo5Target.HVT, program));
        solo5.sptTender().ifPresent(program -> configured.put(Solo5Target.SPT, program));
        Set<Solo5Target> enabled = EnumSet.noneOf(Solo5Target.class);
        if (solo5.hvt()) {
            enabled.add(Solo5Target.HVT);
        }
        if (solo5.spt()) {
            enabled.add(Solo5Target.SPT);
        }
        Solo5Tenders tenders = new TenderLocator(solo5.tenderDir(), configured, config.dbdir(),
                TenderLocator.directories(System.getenv().getOrDefault("PATH", "")), ProcessLauncher.SYSTEM)
                .locate(enabled, platform == HostPlatform.LINUX ? kvm.problem() : Optional.empty());
        tenders.found().forEach(line -> LOG.info("tenders: {}", line));
        tenders.problems().forEach(line -> LOG.warn("tenders: {}", line));
        return new HostVmms.Probe(tenders, QemuAccelerator.choose(adapters.qemu().accelerator().name(),
                kvm.usable()));
    }

    private static HostVmms.Programs programs(DaemonConfig.Adapters adapters) {
        DaemonConfig.Bhyve bhyve = adapters.bhyve();
        return new HostVmms.Programs(adapters.qemu().binary(),
                new BhyveAdapter.Programs(bhyve.bhyve(), bhyve.bhyveload(), bhyve.bhyvectl()), adapters.xen().xl());
    }

    /** Stops serving; then stops every unikernel or leaves them running, as configured. */
    @Override
    public void close() {
        LOG.info("albatrossd stopping ({} unikernels)", config.shutdown() == DaemonConfig.ShutdownMode.STOP
                ? "stopping the" : "leaving the");
        heap.stop();
        remote.ifPresent(TlsEndpoint::close);
        endpoint.close();
        statistics.close();
        if (config.shutdown() == DaemonConfig.ShutdownMode.STOP) {
            supervisor.stopAll(SHUTDOWN_PATIENCE);
        } else {
            supervisor.leaveAll();
        }
        supervisor.close();
        intake.close();
        launcher.close();
        consoleFiles.close();
        metrics.ifPresent(InfluxMetrics::close);
        recorder.record(new Event.Shutdown());
        try {
            events.close();
        } catch (IOException e) {
            LOG.warn("closing the event log failed: {}", e.getMessage());
        }
        LOG.info("albatrossd stopped");
    }
}
