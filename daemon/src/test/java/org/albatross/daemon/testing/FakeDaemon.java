package org.albatross.daemon.testing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.albatross.config.DaemonConfig;
import org.albatross.console.ConsoleLimits;
import org.albatross.console.Consoles;
import org.albatross.daemon.dispatch.ConsoleService;
import org.albatross.daemon.dispatch.Dispatcher;
import org.albatross.daemon.dispatch.EventLogService;
import org.albatross.daemon.events.EventLog;
import org.albatross.daemon.events.EventLogSettings;
import org.albatross.daemon.metrics.MicrometerDaemonMeters;
import org.albatross.daemon.stats.StatsService;
import org.albatross.daemon.state.DaemonState;
import org.albatross.daemon.state.StatePersistence;
import org.albatross.daemon.state.UnikernelSpec;
import org.albatross.daemon.store.ImageStore;
import org.albatross.daemon.supervisor.BlockDirectory;
import org.albatross.daemon.supervisor.ImageIntake;
import org.albatross.daemon.supervisor.ReceivedImage;
import org.albatross.daemon.supervisor.Supervisor;
import org.albatross.policy.ResourceTree;
import org.albatross.protocol.Event;
import org.albatross.protocol.Policy;
import org.albatross.protocol.UnikernelConfig;

/** The daemon's core without processes or sockets: a supervisor over a {@link FakeLauncher}, and its dispatcher. */
public final class FakeDaemon implements AutoCloseable {
    public static final Policy ROOT = new Policy(Integer.MAX_VALUE, Set.of(0, 1), 4096, Optional.of(1024L), Set.of());

    public final FakeLauncher launcher = new FakeLauncher();
    public final List<DaemonState> saved = new CopyOnWriteArrayList<>();
    /** While set, every save fails as on a full disk. */
    public volatile boolean diskFull;
    /** While set, every save is written and fails as it is forced to disk, as on a disk that breaks. */
    public volatile boolean diskBreaks;
    public final List<Event> events = new CopyOnWriteArrayList<>();
    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    public final ImageStore images;
    public final Supervisor supervisor;
    public final Dispatcher dispatcher;
    private final ImageIntake intake;
    private final EventLog log;

    public FakeDaemon(Path directory, DaemonConfig.Restart restart) throws Exception {
        Clock clock = Clock.systemUTC();
        Consoles consoles = new Consoles(ConsoleLimits.DEFAULTS, clock);
        images = ImageStore.open(directory.resolve("images"));
        intake = new ImageIntake(images, 1 << 20);
        supervisor = new Supervisor(launcher, consoles, new BlockDirectory(directory.resolve("block")), images,
                intake, clock, ResourceTree.EMPTY.insertPolicy(org.albatross.protocol.Path.ROOT, ROOT), restart,
                this::stage, events::add);
        log = EventLog.open(directory.resolve("events"), EventLogSettings.DEFAULT, clock);
        dispatcher = new Dispatcher(supervisor, intake, new ConsoleService(consoles, clock), new EventLogService(log),
                new StatsService(supervisor::running, unikernel -> {
                    throw new java.io.IOException("no statistics in a fake daemon");
                }), new MicrometerDaemonMeters(meters));
    }

    public FakeDaemon(Path directory) throws Exception {
        this(directory, new DaemonConfig.Restart(Duration.ofMillis(10), Duration.ofMillis(40), 3, Duration.ofHours(1)));
    }

    private StatePersistence.Staged stage(DaemonState state) throws java.io.IOException {
        if (diskFull) {
            throw new java.io.IOException("cannot replace state (writing state.tmp failed: No space left on device)");
        }
        return () -> {
            if (diskBreaks) {
                throw new java.io.IOException("cannot replace state (forcing state.tmp to disk failed: Input/output "
                        + "error)");
            }
            saved.add(state);
        };
    }

    /** What {@code config} runs, its image put in this daemon's image store as a create would. */
    public UnikernelSpec stored(UnikernelConfig config) {
        ReceivedImage image = intake.receive(config).join();
        intake.release(image);
        return new UnikernelSpec(config.typ(), image.stored().digest(), config.runArguments());
    }

    public DaemonState lastSaved() {
        return saved.get(saved.size() - 1);
    }

    @Override
    public void close() throws java.io.IOException {
        supervisor.stopAll(Duration.ofSeconds(5));
        supervisor.close();
        intake.close();
        log.close();
    }
}
