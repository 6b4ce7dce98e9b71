package org.albatross.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The daemon's effective configuration: defaults, overridden by the TOML file, the environment and the command line
 * (see {@link ConfigLoader}), validated. Immutable; every section is a record named after its TOML table, and
 * docs/configuration.md lists every key with its default.
 *
 * @param dbdir persistent state: state dump, event log, block devices
 * @param tmpdir runtime files: the local socket, images being run
 * @param shutdown what happens to running unikernels when the daemon stops
 * @param socket the local (Unix domain socket) endpoint
 * @param tls the remote mutual-TLS endpoint, if enabled
 */
public record DaemonConfig(
        Path dbdir,
        Path tmpdir,
        ShutdownMode shutdown,
        Socket socket,
        Optional<Tls> tls,
        Adapters adapters,
        Console console,
        Stats stats,
        Restart restart,
        Metrics metrics,
        Log log) {

    public DaemonConfig {
        Objects.requireNonNull(dbdir, "dbdir");
        Objects.requireNonNull(tmpdir, "tmpdir");
        Objects.requireNonNull(shutdown, "shutdown");
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(adapters, "adapters");
        Objects.requireNonNull(console, "console");
        Objects.requireNonNull(stats, "stats");
        Objects.requireNonNull(restart, "restart");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(log, "log");
    }

    /** The configuration with nothing set: every default. */
    public static DaemonConfig defaults() {
        return ConfigLoader.fromDefaults();
    }

    /**
     * This configuration as TOML, every key written out (for {@code albatrossd --print-config}); passwords and tokens
     * are masked. Parsing the output gives this configuration again, secrets apart.
     */
    public String printEffective() {
        return ConfigSchema.render(this);
    }

    /** What happens to running unikernels when the daemon stops. */
    public enum ShutdownMode {
        /** Stop them (albatross's behaviour). */
        STOP,
        /** Leave them running; the next daemon start finds them in its state dump. */
        LEAVE
    }

    /**
     * The local endpoint.
     *
     * @param path the Unix domain socket
     * @param mode its file mode, e.g. {@code 0660}
     * @param group the group that owns it, so that its members may use the client; absent: the daemon's group
     */
    public record Socket(Path path, int mode, Optional<String> group) {
    }

    /**
     * The remote endpoint: TLS 1.3 with client certificates.
     *
     * @param listen address and port to listen on
     * @param caCert the root CA certificate (PEM) every client chain must lead to
     * @param serverCert the daemon's certificate (PEM)
     * @param serverKey the daemon's private key (PEM)
     * @param crl a certificate revocation list (PEM), if any
     * @param limits what one peer may take of the endpoint
     */
    public record Tls(ListenAddress listen, Path caCert, Path serverCert, Path serverKey, Optional<Path> crl,
            TlsLimits limits) {
    }

    /**
     * What peers may take of the remote endpoint, so that none can exhaust the daemon.
     *
     * @param handshakeTimeout how long a peer has to finish the TLS handshake
     * @param idleTimeout how long a connection may pass with nothing read or written
     * @param maxConnections connections open at once, overall
     * @param maxConnectionsPerAddress connections open at once from one IP address
     * @param maxHandshakes connections open at once whose TLS handshake is not finished, overall; beyond it (or
     *        beyond {@code maxConnections}) a new connection takes the place of the oldest of them. Unless set,
     *        {@link #handshakesFor} {@code maxConnections}
     * @param maxFrameLength the largest frame, in bytes, a client may stream after the handshake
     */
    public record TlsLimits(Duration handshakeTimeout, Duration idleTimeout, int maxConnections,
            int maxConnectionsPerAddress, int maxHandshakes, int maxFrameLength) {

        /** The limits of an endpoint whose configuration sets none. */
        public static final TlsLimits DEFAULTS = new TlsLimits(Duration.ofSeconds(5), Duration.ofMinutes(10), 256,
                16, handshakesFor(256), 16 << 20);

        public TlsLimits {
            requirePositive(handshakeTimeout, "handshakeTimeout");
            requirePositive(idleTimeout, "idleTimeout");
            if (maxConnections < 1 || maxConnectionsPerAddress < 1 || maxHandshakes < 1 || maxFrameLength < 1) {
                throw new IllegalArgumentException("connection, handshake and frame limits must be at least 1, got "
                        + maxConnections + ", " + maxConnectionsPerAddress + ", " + maxHandshakes + " and "
                        + maxFrameLength);
            }
        }

        /**
         * The handshakes under way allowed with {@code maxConnections} when none is configured: a quarter, so that
         * peers without a certificate yet never hold most of the endpoint.
         */
        public static int handshakesFor(int maxConnections) {
            return Math.max(1, maxConnections / 4);
        }

        private static void requirePositive(Duration duration, String what) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, got " + duration);
            }
        }
    }

    /** A host (name or IP address literal) and port to listen on. */
    public record ListenAddress(String host, int port) {
        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /** The virtual machine monitors the daemon may use, and where their programs are. */
    public record Adapters(Solo5 solo5, Qemu qemu, Bhyve bhyve, Xen xen) {
    }

    /**
     * The Solo5 tenders.
     *
     * @param hvt whether {@code solo5-hvt} images may run
     * @param spt whether {@code solo5-spt} images may run
     * @param tenderDir where to look for tenders before {@code dbdir} and PATH, if set
     * @param hvtTender the {@code solo5-hvt} binary, if it should not be looked up
     * @param sptTender the {@code solo5-spt} binary, if it should not be looked up
     */
    public record Solo5(boolean hvt, boolean spt, Optional<Path> tenderDir, Optional<Path> hvtTender,
            Optional<Path> sptTender) {
    }

    /** QEMU, for Solo5 virtio and multiboot images. */
    public record Qemu(boolean enabled, Path binary, Accelerator accelerator) {
    }

    /** QEMU's accelerator. */
    public enum Accelerator {
        /** KVM if it works, else TCG. */
        AUTO,
        KVM,
        TCG
    }

    /** FreeBSD's bhyve. */
    public record Bhyve(boolean enabled, Path bhyve, Path bhyveload, Path bhyvectl) {
    }

    /** Xen, through its {@code xl} tool. */
    public record Xen(boolean enabled, Path xl) {
    }

    /**
     * Console limits.
     *
     * @param ringLines lines kept per unikernel
     * @param subscribers subscribers per unikernel; one more kicks the oldest
     * @param subscriberQueue lines a subscriber may fall behind before it misses the oldest
     */
    public record Console(int ringLines, int subscribers, int subscriberQueue) {
    }

    /** Statistics collection: {@code interval} between samples of each unikernel. */
    public record Stats(Duration interval) {
    }

    /**
     * Restart-on-failure limits beyond albatross's rules: the delay before a restart doubles from
     * {@code initialBackoff} up to {@code maxBackoff}, and a unikernel restarted {@code budget} times within
     * {@code budgetWindow} is not restarted again.
     */
    public record Restart(Duration initialBackoff, Duration maxBackoff, int budget, Duration budgetWindow) {
    }

    /**
     * Metrics to InfluxDB.
     *
     * @param host the {@code host} tag; absent: the machine's host name
     * @param albatrossMeasurements whether to also write albatross's measurements, for its dashboards
     * @param influx where to write; present whenever {@code enabled}
     */
    public record Metrics(boolean enabled, Duration step, Optional<String> host, boolean albatrossMeasurements,
            Optional<InfluxTarget> influx) {

        /** The InfluxDB 1.x target, if that is the one configured. */
        public Optional<InfluxV1> influxV1() {
            return influx.filter(InfluxV1.class::isInstance).map(InfluxV1.class::cast);
        }

        /** The InfluxDB 2.x target, if that is the one configured. */
        public Optional<InfluxV2> influxV2() {
            return influx.filter(InfluxV2.class::isInstance).map(InfluxV2.class::cast);
        }
    }

    /** An InfluxDB to write metrics to. */
    public sealed interface InfluxTarget {
        URI uri();
    }

    /** InfluxDB 1.x: a database, with optional basic authentication. */
    public record InfluxV1(URI uri, String db, Optional<String> user, Optional<Secret> password)
            implements InfluxTarget {
    }

    /** InfluxDB 2.x: an organisation's bucket, with a token. */
    public record InfluxV2(URI uri, String org, String bucket, Secret token) implements InfluxTarget {
    }

    /** A password or token: its {@link #toString()} does not show it, so that it stays out of logs. */
    public record Secret(String value) {
        public Secret {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return "********";
        }
    }

    /**
     * Logging.
     *
     * @param file a log file; absent: standard error (the journal under systemd)
     * @param maxFileSize size at which the log file is rotated
     */
    public record Log(LogLevel level, Optional<Path> file, ByteSize maxFileSize) {
    }

    /** How much the daemon logs. */
    public enum LogLevel {
        ERROR,
        WARN,
        INFO,
        DEBUG,
        TRACE
    }

    /** A number of bytes, written like {@code 16MiB}. */
    public record ByteSize(long bytes) {
    }
}
