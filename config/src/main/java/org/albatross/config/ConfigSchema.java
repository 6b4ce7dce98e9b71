package org.albatross.config;

import static org.albatross.config.ConfigKey.optional;
import static org.albatross.config.ConfigKey.withDefault;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.albatross.config.DaemonConfig.Accelerator;
import org.albatross.config.DaemonConfig.ByteSize;
import org.albatross.config.DaemonConfig.InfluxV1;
import org.albatross.config.DaemonConfig.InfluxV2;
import org.albatross.config.DaemonConfig.ListenAddress;
import org.albatross.config.DaemonConfig.LogLevel;
import org.albatross.config.DaemonConfig.Secret;
import org.albatross.config.DaemonConfig.ShutdownMode;
import org.albatross.config.DaemonConfig.TlsLimits;

/**
 * Every configuration key, in the order of the file, and how their values make a {@link DaemonConfig} ({@link #build})
 * and are read back from one ({@link #values}). Written without a function per key: this class is initialised on
 * every daemon start, interpreted, where each lambda's call site is linked at run time (docs/performance.md).
 */
final class ConfigSchema {
    private static final long KIB = 1L << 10;
    private static final long MIB = 1L << 20;

    static final ConfigKey<Path> DBDIR = withDefault("dbdir", ValueType.absolutePath(), Path.of("/var/lib/albatross"));
    static final ConfigKey<Path> TMPDIR = withDefault("tmpdir", ValueType.absolutePath(), Path.of("/run/albatross"));
    static final ConfigKey<ShutdownMode> SHUTDOWN =
            withDefault("shutdown", ValueType.oneOf(ShutdownMode.class), ShutdownMode.STOP);

    /** Unset means {@code <tmpdir>/util/vmmd.sock}. */
    static final ConfigKey<Path> SOCKET_PATH = optional("socket.path", ValueType.absolutePath());
    static final ConfigKey<Integer> SOCKET_MODE = withDefault("socket.mode", ValueType.fileMode(), 0660);
    static final ConfigKey<String> SOCKET_GROUP = optional("socket.group", ValueType.string());

    static final ConfigKey<ListenAddress> TLS_LISTEN = optional("tls.listen", ValueType.listenAddress());
    static final ConfigKey<Path> TLS_CA_CERT = optional("tls.ca-cert", ValueType.absolutePath());
    static final ConfigKey<Path> TLS_SERVER_CERT = optional("tls.server-cert", ValueType.absolutePath());
    static final ConfigKey<Path> TLS_SERVER_KEY = optional("tls.server-key", ValueType.absolutePath());
    static final ConfigKey<Path> TLS_CRL = optional("tls.crl", ValueType.absolutePath());
    static final ConfigKey<Duration> TLS_HANDSHAKE_TIMEOUT = tlsLimit("tls.handshake-timeout",
            ValueType.duration(Duration.ofMillis(100), Duration.ofMinutes(5)), TlsLimits.DEFAULTS.handshakeTimeout());
    static final ConfigKey<Duration> TLS_IDLE_TIMEOUT = tlsLimit("tls.idle-timeout",
            ValueType.duration(Duration.ofSeconds(1), Duration.ofDays(1)), TlsLimits.DEFAULTS.idleTimeout());
    static final ConfigKey<Integer> TLS_MAX_CONNECTIONS = tlsLimit("tls.max-connections",
            ValueType.integer(1, 65_536), TlsLimits.DEFAULTS.maxConnections());
    static final ConfigKey<Integer> TLS_MAX_CONNECTIONS_PER_ADDRESS = tlsLimit("tls.max-connections-per-address",
            ValueType.integer(1, 65_536), TlsLimits.DEFAULTS.maxConnectionsPerAddress());
    /** Unset means a quarter of {@code tls.max-connections} ({@link TlsLimits#handshakesFor}). */
    static final ConfigKey<Integer> TLS_MAX_HANDSHAKES = optional("tls.max-handshakes", ValueType.integer(1, 65_536));
    /** At least the 64 KiB chunks albatross-client streams an image in. */
    static final ConfigKey<ByteSize> TLS_MAX_FRAME_SIZE = tlsLimit("tls.max-frame-size",
            ValueType.size(new ByteSize(64 * KIB), new ByteSize(16 * MIB)),
            new ByteSize(TlsLimits.DEFAULTS.maxFrameLength()));

    static final ConfigKey<Boolean> SOLO5_HVT = withDefault("adapters.solo5.hvt", ValueType.bool(), true);
    static final ConfigKey<Boolean> SOLO5_SPT = withDefault("adapters.solo5.spt", ValueType.bool(), true);
    static final ConfigKey<Path> SOLO5_TENDER_DIR = optional("adapters.solo5.tender-dir", ValueType.absolutePath());
    static final ConfigKey<Path> SOLO5_HVT_TENDER = optional("adapters.solo5.hvt-tender", ValueType.command());
    static final ConfigKey<Path> SOLO5_SPT_TENDER = optional("adapters.solo5.spt-tender", ValueType.command());
    static final ConfigKey<Boolean> QEMU_ENABLED = withDefault("adapters.qemu.enabled", ValueType.bool(), true);
    static final ConfigKey<Path> QEMU_BINARY = withDefault("adapters.qemu.binary", ValueType.command(),
            Path.of("qemu-system-x86_64"));
    static final ConfigKey<Accelerator> QEMU_ACCELERATOR = withDefault("adapters.qemu.accelerator",
            ValueType.oneOf(Accelerator.class), Accelerator.AUTO);
    static final ConfigKey<Boolean> BHYVE_ENABLED = withDefault("adapters.bhyve.enabled", ValueType.bool(), false);
    static final ConfigKey<Path> BHYVE_BHYVE = withDefault("adapters.bhyve.bhyve", ValueType.command(),
            Path.of("/usr/sbin/bhyve"));
    static final ConfigKey<Path> BHYVE_BHYVELOAD = withDefault("adapters.bhyve.bhyveload", ValueType.command(),
            Path.of("/usr/sbin/bhyveload"));
    static final ConfigKey<Path> BHYVE_BHYVECTL = withDefault("adapters.bhyve.bhyvectl", ValueType.command(),
            Path.of("/usr/sbin/bhyvectl"));
    static final ConfigKey<Boolean> XEN_ENABLED = withDefault("adapters.xen.enabled", ValueType.bool(), false);
    static final ConfigKey<Path> XEN_XL = withDefault("adapters.xen.xl", ValueType.command(), Path.of("/usr/sbin/xl"));

    static final ConfigKey<Integer> CONSOLE_RING_LINES = withDefault("console.ring-lines",
            ValueType.integer(16, 1_048_576), 1024);
    static final ConfigKey<Integer> CONSOLE_SUBSCRIBERS = withDefault("console.subscribers",
            ValueType.integer(1, 1000), 5);
    /** Unset means {@code console.ring-lines}: a subscriber may fall behind by the whole ring. */
    static final ConfigKey<Integer> CONSOLE_SUBSCRIBER_QUEUE = optional("console.subscriber-queue",
            ValueType.integer(16, 1_048_576));
    /** At least a few lines of the longest kind (some 560 bytes each) in each of a console's two files. */
    static final ConfigKey<ByteSize> CONSOLE_DISK_SIZE = withDefault("console.disk-size",
            ValueType.size(new ByteSize(64 * KIB), new ByteSize(1024 * MIB)), new ByteSize(MIB));

    static final ConfigKey<Duration> STATS_INTERVAL = withDefault("stats.interval",
            ValueType.duration(Duration.ofSeconds(1), Duration.ofHours(1)), Duration.ofSeconds(10));

    static final ConfigKey<Duration> RESTART_INITIAL_BACKOFF = withDefault("restart.initial-backoff",
            ValueType.duration(Duration.ofMillis(10), Duration.ofHours(1)), Duration.ofSeconds(1));
    static final ConfigKey<Duration> RESTART_MAX_BACKOFF = withDefault("restart.max-backoff",
            ValueType.duration(Duration.ofMillis(10), Duration.ofHours(24)), Duration.ofMinutes(5));
    static final ConfigKey<Integer> RESTART_BUDGET = withDefault("restart.budget", ValueType.integer(1, 10_000), 10);
    static final ConfigKey<Duration> RESTART_BUDGET_WINDOW = withDefault("restart.budget-window",
            ValueType.duration(Duration.ofSeconds(1), Duration.ofDays(1)), Duration.ofHours(1));

    static final ConfigKey<Boolean> METRICS_ENABLED = withDefault("metrics.enabled", ValueType.bool(), false);
    static final ConfigKey<Duration> METRICS_STEP = withDefault("metrics.step",
            ValueType.duration(Duration.ofSeconds(1), Duration.ofHours(1)), Duration.ofSeconds(10));
    static final ConfigKey<String> METRICS_HOST = optional("metrics.host", ValueType.string());
    static final ConfigKey<Boolean> METRICS_ALBATROSS = withDefault("metrics.albatross-measurements",
            ValueType.bool(), true);
    static final ConfigKey<URI> INFLUX_V1_URI = optional("metrics.influx-v1.uri", ValueType.httpUri());
    static final ConfigKey<String> INFLUX_V1_DB = optional("metrics.influx-v1.db", ValueType.string());
    static final ConfigKey<String> INFLUX_V1_USER = optional("metrics.influx-v1.user", ValueType.string());
    static final ConfigKey<Secret> INFLUX_V1_PASSWORD = optional("metrics.influx-v1.password", ValueType.secret());
    static final ConfigKey<URI> INFLUX_V2_URI = optional("metrics.influx-v2.uri", ValueType.httpUri());
    static final ConfigKey<String> INFLUX_V2_ORG = optional("metrics.influx-v2.org", ValueType.string());
    static final ConfigKey<String> INFLUX_V2_BUCKET = optional("metrics.influx-v2.bucket", ValueType.string());
    static final ConfigKey<Secret> INFLUX_V2_TOKEN = optional("metrics.influx-v2.token", ValueType.secret());

    static final ConfigKey<LogLevel> LOG_LEVEL = withDefault("log.level", ValueType.oneOf(LogLevel.class),
            LogLevel.INFO);
    static final ConfigKey<Path> LOG_FILE = optional("log.file", ValueType.absolutePath());
    static final ConfigKey<ByteSize> LOG_MAX_FILE_SIZE = withDefault("log.max-file-size",
            ValueType.size(new ByteSize(MIB), new ByteSize(1024 * MIB)), new ByteSize(16 * MIB));

    static final List<ConfigKey<?>> KEYS = List.of(
            DBDIR, TMPDIR, SHUTDOWN,
            SOCKET_PATH, SOCKET_MODE, SOCKET_GROUP,
            TLS_LISTEN, TLS_CA_CERT, TLS_SERVER_CERT, TLS_SERVER_KEY, TLS_CRL,
            TLS_HANDSHAKE_TIMEOUT, TLS_IDLE_TIMEOUT, TLS_MAX_CONNECTIONS, TLS_MAX_CONNECTIONS_PER_ADDRESS,
            TLS_MAX_HANDSHAKES, TLS_MAX_FRAME_SIZE,
            SOLO5_HVT, SOLO5_SPT, SOLO5_TENDER_DIR, SOLO5_HVT_TENDER, SOLO5_SPT_TENDER,
            QEMU_ENABLED, QEMU_BINARY, QEMU_ACCELERATOR,
            BHYVE_ENABLED, BHYVE_BHYVE, BHYVE_BHYVELOAD, BHYVE_BHYVECTL,
            XEN_ENABLED, XEN_XL,
            CONSOLE_RING_LINES, CONSOLE_SUBSCRIBERS, CONSOLE_SUBSCRIBER_QUEUE, CONSOLE_DISK_SIZE,
            STATS_INTERVAL,
            RESTART_INITIAL_BACKOFF, RESTART_MAX_BACKOFF, RESTART_BUDGET, RESTART_BUDGET_WINDOW,
            METRICS_ENABLED, METRICS_STEP, METRICS_HOST, METRICS_ALBATROSS,
            INFLUX_V1_URI, INFLUX_V1_DB, INFLUX_V1_USER, INFLUX_V1_PASSWORD,
            INFLUX_V2_URI, INFLUX_V2_ORG, INFLUX_V2_BUCKET, INFLUX_V2_TOKEN,
            LOG_LEVEL, LOG_FILE, LOG_MAX_FILE_SIZE);

    static final List<ConfigKey<?>> INFLUX_V1_KEYS =
            List.of(INFLUX_V1_URI, INFLUX_V1_DB, INFLUX_V1_USER, INFLUX_V1_PASSWORD);
    static final List<ConfigKey<?>> INFLUX_V2_KEYS =
            List.of(INFLUX_V2_URI, INFLUX_V2_ORG, INFLUX_V2_BUCKET, INFLUX_V2_TOKEN);
    /** Each Solo5 target's switch, and the key that names its tender. */
    static final Map<ConfigKey<Boolean>, ConfigKey<Path>> SOLO5_TENDERS =
            Map.of(SOLO5_HVT, SOLO5_HVT_TENDER, SOLO5_SPT, SOLO5_SPT_TENDER);
    static final List<ConfigKey<Boolean>> ADAPTER_SWITCHES =
            List.of(SOLO5_HVT, SOLO5_SPT, QEMU_ENABLED, BHYVE_ENABLED, XEN_ENABLED);
    static final List<ConfigKey<?>> TLS_REQUIRED_KEYS = List.of(TLS_CA_CERT, TLS_SERVER_CERT, TLS_SERVER_KEY);
    /** Keys that mean something only with {@code tls.listen}, and are an error without it. */
    static final List<ConfigKey<?>> TLS_OPTIONAL_KEYS = List.of(TLS_CRL, TLS_HANDSHAKE_TIMEOUT, TLS_IDLE_TIMEOUT,
            TLS_MAX_CONNECTIONS, TLS_MAX_CONNECTIONS_PER_ADDRESS, TLS_MAX_HANDSHAKES, TLS_MAX_FRAME_SIZE);

    private ConfigSchema() {
    }

    /** A limit of the TLS endpoint: its default is {@link TlsLimits#DEFAULTS}'s, and it is set only with the endpoint. */
    private static <T> ConfigKey<T> tlsLimit(String name, ValueType<T> type, T defaultValue) {
        return withDefault(name, type, defaultValue);
    }

    /** A key's value once sources are merged: given, else its default. */
    interface Values {
        <T> Optional<T> find(ConfigKey<T> key);

        default <T> T get(ConfigKey<T> key) {
            Optional<T> value = find(key);
            if (value.isEmpty()) {
                throw new IllegalStateException(key.name() + " has no value");
            }
            return value.get();
        }
    }

    /** Keys and their values, each set with a value of its key's type. */
    static final class KeyValues implements Values {
        private final Map<ConfigKey<?>, Object> values = new HashMap<>();

        <T> void set(ConfigKey<T> key, T value) {
            values.put(key, value);
        }

        <T> void setIfPresent(ConfigKey<T> key, Optional<T> value) {
            if (value.isPresent()) {
                values.put(key, value.get());
            }
        }

        @Override
        @SuppressWarnings("unchecked") // set only through set(ConfigKey<T>, T)
        public <T> Optional<T> find(ConfigKey<T> key) {
            return Optional.ofNullable((T) values.get(key));
        }
    }

    /** The configuration of values that passed validation (see {@link ConfigLoader}). */
    static DaemonConfig build(Values values) {
        Path tmpdir = values.get(TMPDIR);
        return new DaemonConfig(
                values.get(DBDIR),
                tmpdir,
                values.get(SHUTDOWN),
                new DaemonConfig.Socket(values.find(SOCKET_PATH).orElse(tmpdir.resolve("util/vmmd.sock")),
                        values.get(SOCKET_MODE), values.find(SOCKET_GROUP)),
                values.find(TLS_LISTEN).map(listen -> new DaemonConfig.Tls(listen, values.get(TLS_CA_CERT),
                        values.get(TLS_SERVER_CERT), values.get(TLS_SERVER_KEY), values.find(TLS_CRL),
                        new TlsLimits(values.get(TLS_HANDSHAKE_TIMEOUT), values.get(TLS_IDLE_TIMEOUT),
                                values.get(TLS_MAX_CONNECTIONS), values.get(TLS_MAX_CONNECTIONS_PER_ADDRESS),
                                values.find(TLS_MAX_HANDSHAKES).orElse(TlsLimits.handshakesFor(
                                        values.get(TLS_MAX_CONNECTIONS))),
                                (int) values.get(TLS_MAX_FRAME_SIZE).bytes()))),
                new DaemonConfig.Adapters(
                        new DaemonConfig.Solo5(values.get(SOLO5_HVT), values.get(SOLO5_SPT),
                                values.find(SOLO5_TENDER_DIR), values.find(SOLO5_HVT_TENDER),
                                values.find(SOLO5_SPT_TENDER)),
                        new DaemonConfig.Qemu(values.get(QEMU_ENABLED), values.get(QEMU_BINARY),
                                values.get(QEMU_ACCELERATOR)),
                        new DaemonConfig.Bhyve(values.get(BHYVE_ENABLED), values.get(BHYVE_BHYVE),
                                values.get(BHYVE_BHYVELOAD), values.get(BHYVE_BHYVECTL)),
                        new DaemonConfig.Xen(values.get(XEN_ENABLED), values.get(XEN_XL))),
                new DaemonConfig.Console(values.get(CONSOLE_RING_LINES), values.get(CONSOLE_SUBSCRIBERS),
                        values.find(CONSOLE_SUBSCRIBER_QUEUE).orElse(values.get(CONSOLE_RING_LINES)),
                        values.get(CONSOLE_DISK_SIZE)),
                new DaemonConfig.Stats(values.get(STATS_INTERVAL)),
                new DaemonConfig.Restart(values.get(RESTART_INITIAL_BACKOFF), values.get(RESTART_MAX_BACKOFF),
                        values.get(RESTART_BUDGET), values.get(RESTART_BUDGET_WINDOW)),
                new DaemonConfig.Metrics(values.get(METRICS_ENABLED), values.get(METRICS_STEP),
                        values.find(METRICS_HOST), values.get(METRICS_ALBATROSS), influx(values)),
                new DaemonConfig.Log(values.get(LOG_LEVEL), values.find(LOG_FILE), values.get(LOG_MAX_FILE_SIZE)));
    }

    private static Optional<DaemonConfig.InfluxTarget> influx(Values values) {
        if (values.find(INFLUX_V1_URI).isPresent()) {
            return Optional.of(new InfluxV1(values.get(INFLUX_V1_URI), values.get(INFLUX_V1_DB),
                    values.find(INFLUX_V1_USER), values.find(INFLUX_V1_PASSWORD)));
        }
        return values.find(INFLUX_V2_URI).map(uri -> new InfluxV2(uri, values.get(INFLUX_V2_ORG),
                values.get(INFLUX_V2_BUCKET), values.get(INFLUX_V2_TOKEN)));
    }

    /**
     * The values of a configuration, {@link #build}'s inverse: made only for {@link #render}, so that a start does
     * not link a getter per key.
     */
    static Values values(DaemonConfig config) {
        KeyValues values = new KeyValues();
        values.set(DBDIR, config.dbdir());
        values.set(TMPDIR, config.tmpdir());
        values.set(SHUTDOWN, config.shutdown());
        values.set(SOCKET_PATH, config.socket().path());
        values.set(SOCKET_MODE, config.socket().mode());
        values.setIfPresent(SOCKET_GROUP, config.socket().group());
        config.tls().ifPresent(tls -> {
            values.set(TLS_LISTEN, tls.listen());
            values.set(TLS_CA_CERT, tls.caCert());
            values.set(TLS_SERVER_CERT, tls.serverCert());
            values.set(TLS_SERVER_KEY, tls.serverKey());
            values.setIfPresent(TLS_CRL, tls.crl());
            TlsLimits limits = tls.limits();
            values.set(TLS_HANDSHAKE_TIMEOUT, limits.handshakeTimeout());
            values.set(TLS_IDLE_TIMEOUT, limits.idleTimeout());
            values.set(TLS_MAX_CONNECTIONS, limits.maxConnections());
            values.set(TLS_MAX_CONNECTIONS_PER_ADDRESS, limits.maxConnectionsPerAddress());
            values.set(TLS_MAX_HANDSHAKES, limits.maxHandshakes());
            values.set(TLS_MAX_FRAME_SIZE, new ByteSize(limits.maxFrameLength()));
        });
        DaemonConfig.Adapters adapters = config.adapters();
        values.set(SOLO5_HVT, adapters.solo5().hvt());
        values.set(SOLO5_SPT, adapters.solo5().spt());
        values.setIfPresent(SOLO5_TENDER_DIR, adapters.solo5().tenderDir());
        values.setIfPresent(SOLO5_HVT_TENDER, adapters.solo5().hvtTender());
        values.setIfPresent(SOLO5_SPT_TENDER, adapters.solo5().sptTender());
        values.set(QEMU_ENABLED, adapters.qemu().enabled());
        values.set(QEMU_BINARY, adapters.qemu().binary());
        values.set(QEMU_ACCELERATOR, adapters.qemu().accelerator());
        values.set(BHYVE_ENABLED, adapters.bhyve().enabled());
        values.set(BHYVE_BHYVE, adapters.bhyve().bhyve());
        values.set(BHYVE_BHYVELOAD, adapters.bhyve().bhyveload());
        values.set(BHYVE_BHYVECTL, adapters.bhyve().bhyvectl());
        values.set(XEN_ENABLED, adapters.xen().enabled());
        values.set(XEN_XL, adapters.xen().xl());
        values.set(CONSOLE_RING_LINES, config.console().ringLines());
        values.set(CONSOLE_SUBSCRIBERS, config.console().subscribers());
        values.set(CONSOLE_SUBSCRIBER_QUEUE, config.console().subscriberQueue());
        values.set(CONSOLE_DISK_SIZE, config.console().diskSize());
        values.set(STATS_INTERVAL, config.stats().interval());
        values.set(RESTART_INITIAL_BACKOFF, config.restart().initialBackoff());
        values.set(RESTART_MAX_BACKOFF, config.restart().maxBackoff());
        values.set(RESTART_BUDGET, config.restart().budget());
        values.set(RESTART_BUDGET_WINDOW, config.restart().budgetWindow());
        DaemonConfig.Metrics metrics = config.metrics();
        values.set(METRICS_ENABLED, metrics.enabled());
        values.set(METRICS_STEP, metrics.step());
        values.setIfPresent(METRICS_HOST, metrics.host());
        values.set(METRICS_ALBATROSS, metrics.albatrossMeasurements());
        metrics.influxV1().ifPresent(influx -> {
            values.set(INFLUX_V1_URI, influx.uri());
            values.set(INFLUX_V1_DB, influx.db());
            values.setIfPresent(INFLUX_V1_USER, influx.user());
            values.setIfPresent(INFLUX_V1_PASSWORD, influx.password());
        });
        metrics.influxV2().ifPresent(influx -> {
            values.set(INFLUX_V2_URI, influx.uri());
            values.set(INFLUX_V2_ORG, influx.org());
            values.set(INFLUX_V2_BUCKET, influx.bucket());
            values.set(INFLUX_V2_TOKEN, influx.token());
        });
        values.set(LOG_LEVEL, config.log().level());
        values.setIfPresent(LOG_FILE, config.log().file());
        values.set(LOG_MAX_FILE_SIZE, config.log().maxFileSize());
        return values;
    }

    /** The configuration as TOML: top-level keys, then one table per section, in the order of {@link #KEYS}. */
    static String render(DaemonConfig config) {
        Values values = values(config);
        StringBuilder toml = new StringBuilder("# albatrossd effective configuration (passwords and tokens masked)\n");
        KEYS.stream()
                .collect(Collectors.groupingBy(ConfigKey::table, java.util.LinkedHashMap::new, Collectors.toList()))
                .forEach((table, keys) -> {
                    if (!table.isEmpty()) {
                        toml.append('\n').append('[').append(table).append("]\n");
                    }
                    keys.forEach(key -> toml.append(key.render(values)).append('\n'));
                });
        return toml.toString();
    }
}
