package org.albatross.daemon;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.albatross.config.ConfigError;
import org.albatross.config.ConfigLoader;
import org.albatross.config.DaemonConfig;
import org.albatross.daemon.endpoint.activation.ActivationRefused;
import org.albatross.daemon.endpoint.activation.InheritedSockets;
import org.albatross.daemon.endpoint.activation.SocketActivation;
import org.albatross.daemon.state.SavedState;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code albatrossd}: reads the configuration, starts the daemon and serves until SIGTERM or SIGINT, then shuts
 * down as configured and exits 0. A configuration problem is one message on standard error and exit code 2.
 */
public final class Albatrossd {
    /** Exit code for an unusable configuration or command line. */
    static final int CONFIGURATION_ERROR = 2;
    /** Exit code when the daemon cannot start with a valid configuration (socket, directories). */
    static final int START_FAILED = 1;
    private static final String VERSION = "albatrossd 0.1.0";
    /**
     * Set by the launcher for the runs whose classes make its class-data archive (lib/class-data.sh): the daemon
     * starts, sends its own commands ({@link TrainingRun}: an info, and a create or a destroy when asked) and stops.
     */
    static final String STOP_WHEN_READY = "albatross.stop-when-ready";

    private static final String SELECTOR_PROVIDER = "java.nio.channels.spi.SelectorProvider";

    private final Map<String, String> environment;
    private final PrintWriter out;
    private final PrintWriter err;

    Albatrossd(Map<String, String> environment, PrintWriter out, PrintWriter err) {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        chooseTheSelectorProvider();
        System.exit(new Albatrossd(System.getenv(), new PrintWriter(System.out, true),
                new PrintWriter(System.err, true)).run(args));
    }

    /**
     * On Linux, names the JDK's own selector provider, the one it would choose anyway (epoll), so that the JDK does
     * not look for another on the class path first: that look-up, on the first selector or socket channel (Netty
     * opens a selector as it loads its epoll transport), opens and indexes every jar of the class path, some 30 ms of
     * a cold start. An operator's own choice ({@code -Djava.nio.channels.spi.SelectorProvider}) stands.
     */
    private static void chooseTheSelectorProvider() {
        if ("Linux".equals(System.getProperty("os.name")) && System.getProperty(SELECTOR_PROVIDER) == null) {
            System.setProperty(SELECTOR_PROVIDER, "sun.nio.ch.EPollSelectorProvider");
        }
    }

    /** Runs albatrossd with these arguments; returns its exit code. */
    int run(String... args) {
        DaemonArguments arguments;
        try {
            arguments = DaemonArguments.parse(args);
        } catch (DaemonArguments.Refused e) {
            err.println("albatrossd: " + e.getMessage() + " (see albatrossd --help)");
            return CONFIGURATION_ERROR;
        }
        if (arguments.help()) {
            out.print(DaemonArguments.usage());
            out.flush();
            return 0;
        }
        if (arguments.version()) {
            out.println(VERSION);
            return 0;
        }
        // Logback's set-up (some 60 classes and its context, a tenth of the main thread's start) while the configuration
        // is read on this one; SLF4J hands a thread that logs meanwhile a logger that catches up once it is done.
        Ahead<ILoggerFactory> logging = Ahead.start("albatross-start-logging", LoggerFactory::getILoggerFactory);
        DaemonConfig effective;
        try {
            effective = ConfigLoader.load(arguments.config(), environment, arguments.overrides());
        } catch (ConfigError e) {
            err.println(e.getMessage());
            return CONFIGURATION_ERROR;
        }
        if (arguments.printConfig()) {
            out.print(effective.printEffective());
            out.flush();
            return 0;
        }
        DaemonLogging.apply(logging.join(), effective.log());
        InheritedSockets inherited;
        try {
            inherited = SocketActivation.inherit(environment, ProcessHandle.current().pid(), effective,
                    arguments.systemdSocketActivation());
        } catch (ActivationRefused e) {
            err.println("albatrossd: cannot start: " + e.getMessage());
            return START_FAILED;
        }
        return serve(effective, arguments.startOverDamagedState(), inherited);
    }

    private int serve(DaemonConfig effective, boolean startOverDamagedState, InheritedSockets inherited) {
        // Handled before the daemon starts: its socket accepts as soon as it is bound, and a SIGTERM meeting the
        // JVM's default handler would end the process with 143 and no orderly shutdown.
        CountDownLatch stop = stopSignal();
        HangUp hangUp = new HangUp();
        if (Signal.handle(new Signal("HUP"), signal -> hangUp.signalled()) == SignalHandler.SIG_IGN) {
            // HotSpot leaves a shutdown signal that the process started with ignored as it was: ours never runs
            LoggerFactory.getLogger(Albatrossd.class).warn("SIGHUP is ignored in this process (albatrossd was started"
                    + " under nohup, or by a parent that ignores it), so it cannot make albatrossd look for tenders and"
                    + " KVM again, re-read the revocation list or prune consoles; start albatrossd with SIGHUP at its"
                    + " default, as systemd does");
        }
        try (Daemon daemon = Daemon.start(effective, startOverDamagedState, inherited)) {
            if (Boolean.getBoolean(STOP_WHEN_READY)) {
                TrainingRun.exercise(effective.socket().path());
                return 0;
            }
            hangUp.started(daemon);
            stop.await();
        } catch (IOException e) {
            err.println("albatrossd: cannot start: " + e.getMessage());
            return START_FAILED;
        } catch (SavedState.StateRefused e) {
            err.println("albatrossd: refusing to start: " + e.getMessage());
            return START_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /**
     * SIGHUP, handled from before the daemon starts: the JVM's default handler would shut the process down, and a
     * client may send one as soon as the socket accepts. One that comes while the daemon starts is acted on once it
     * has started (its start found the tenders, but perhaps before a tender the sender had just installed).
     */
    private static final class HangUp {
        private Daemon daemon;
        private boolean pending;

        synchronized void signalled() {
            if (daemon == null) {
                pending = true;
            } else {
                daemon.hangUp();
            }
        }

        synchronized void started(Daemon started) {
            daemon = started;
            if (pending) {
                started.hangUp();
            }
        }
    }

    /** Counts down on SIGTERM or SIGINT, which replace the JVM's default handlers from now on. */
    private static CountDownLatch stopSignal() {
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), signal -> stop.countDown());
        Signal.handle(new Signal("INT"), signal -> stop.countDown());
        return stop;
    }
}
