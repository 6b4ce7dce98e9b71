package org.albatross.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.albatross.config.DaemonConfig.Accelerator;
import org.albatross.config.DaemonConfig.ByteSize;
import org.albatross.config.DaemonConfig.InfluxV1;
import org.albatross.config.DaemonConfig.InfluxV2;
import org.albatross.config.DaemonConfig.ListenAddress;
import org.albatross.config.DaemonConfig.LogLevel;
import org.albatross.config.DaemonConfig.Secret;
import org.albatross.config.DaemonConfig.ShutdownMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final String FILE = "albatrossd.toml";

    @Test
    void theDefaultsSuitAProductionHost() {
        DaemonConfig config = DaemonConfig.defaults();
        assertThat(config.dbdir()).isEqualTo(Path.of("/var/lib/albatross"));
        assertThat(config.tmpdir()).isEqualTo(Path.of("/run/albatross"));
        assertThat(config.shutdown()).isEqualTo(ShutdownMode.STOP);
        assertThat(config.socket()).isEqualTo(
                new DaemonConfig.Socket(Path.of("/run/albatross/util/vmmd.sock"), 0660, Optional.empty()));
        assertThat(config.tls()).isEmpty();
        assertThat(config.adapters().solo5()).isEqualTo(new DaemonConfig.Solo5(true, true, Optional.empty(),
                Optional.empty(), Optional.empty()));
        assertThat(config.adapters().qemu()).isEqualTo(
                new DaemonConfig.Qemu(true, Path.of("qemu-system-x86_64"), Accelerator.AUTO));
        assertThat(config.adapters().bhyve().enabled()).isFalse();
        assertThat(config.adapters().xen()).isEqualTo(new DaemonConfig.Xen(false, Path.of("/usr/sbin/xl")));
        assertThat(config.console()).isEqualTo(new DaemonConfig.Console(1024, 5, 1024));
        assertThat(config.stats().interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.restart()).isEqualTo(new DaemonConfig.Restart(Duration.ofSeconds(1),
                Duration.ofMinutes(5), 10, Duration.ofHours(1)));
        assertThat(config.metrics()).isEqualTo(new DaemonConfig.Metrics(false, Duration.ofSeconds(10),
                Optional.empty(), true, Optional.empty()));
        assertThat(config.log()).isEqualTo(
                new DaemonConfig.Log(LogLevel.INFO, Optional.empty(), new ByteSize(16L << 20)));
    }

    @Test
    void everyKeyIsReadFromTheFile() throws ConfigError {
        DaemonConfig config = parse(ConfigSamples.EVERY_KEY);
        assertThat(config.dbdir()).isEqualTo(Path.of("/srv/albatross/db"));
        assertThat(config.tmpdir()).isEqualTo(Path.of("/srv/albatross/run"));
        assertThat(config.shutdown()).isEqualTo(ShutdownMode.LEAVE);
        assertThat(config.socket()).isEqualTo(
                new DaemonConfig.Socket(Path.of("/srv/albatross/vmmd.sock"), 0600, Optional.of("albatross")));
        assertThat(config.tls()).contains(new DaemonConfig.Tls(new ListenAddress("::", 1025),
                Path.of("/etc/albatross/ca.pem"), Path.of("/etc/albatross/server.pem"),
                Path.of("/etc/albatross/server.key"), Optional.of(Path.of("/etc/albatross/crl.pem")),
                new DaemonConfig.TlsLimits(Duration.ofSeconds(3), Duration.ofMinutes(2), 1000, 50, 100, 1 << 20)));
        assertThat(config.adapters()).isEqualTo(new DaemonConfig.Adapters(
                new DaemonConfig.Solo5(true, true, Optional.of(Path.of("/opt/solo5/bin")),
                        Optional.of(Path.of("/opt/solo5/bin/solo5-hvt")), Optional.of(Path.of("solo5-spt"))),
                new DaemonConfig.Qemu(true, Path.of("/usr/bin/qemu-system-x86_64"), Accelerator.TCG),
                new DaemonConfig.Bhyve(true, Path.of("/usr/local/sbin/bhyve"), Path.of("/usr/local/sbin/bhyveload"),
                        Path.of("/usr/local/sbin/bhyvectl")),
                new DaemonConfig.Xen(true, Path.of("xl"))));
        assertThat(config.console()).isEqualTo(new DaemonConfig.Console(4096, 8, 2048));
        assertThat(config.stats().interval()).isEqualTo(Duration.ofMillis(2500));
        assertThat(config.restart()).isEqualTo(new DaemonConfig.Restart(Duration.ofMillis(500),
                Duration.ofMinutes(2), 3, Duration.ofMinutes(30)));
        assertThat(config.metrics()).isEqualTo(new DaemonConfig.Metrics(true, Duration.ofSeconds(30),
                Optional.of("host-1"), false, Optional.of(new InfluxV1(URI.create("http://127.0.0.1:8086"),
                        "albatross", Optional.of("writer"), Optional.of(new Secret("s3cret"))))));
        assertThat(config.log()).isEqualTo(new DaemonConfig.Log(LogLevel.DEBUG,
                Optional.of(Path.of("/var/log/albatrossd.log")), new ByteSize(64L << 20)));
    }

    @Test
    void influxDb2IsATargetToo() throws ConfigError {
        DaemonConfig config = parse("""
                [metrics]
                enabled = true
                [metrics.influx-v2]
                uri = "https://influx.example:8086"
                org = "ops"
                bucket = "albatross"
                token = "t0ken"
                """);
        assertThat(config.metrics().influx()).contains(new InfluxV2(URI.create("https://influx.example:8086"),
                "ops", "albatross", new Secret("t0ken")));
        assertThat(config.metrics().influxV1()).isEmpty();
    }

    @Test
    void aTlsEndpointWithoutLimitsHasTheDefaultOnesAndTheEnvironmentSetsThem() throws ConfigError {
        String toml = """
                [tls]
                listen = "127.0.0.1:1025"
                ca-cert = "/etc/albatross/ca.pem"
                server-cert = "/etc/albatross/server.pem"
                server-key = "/etc/albatross/server.key"
                """;
        assertThat(parse(toml).tls()).hasValueSatisfying(tls ->
                assertThat(tls.limits()).isEqualTo(DaemonConfig.TlsLimits.DEFAULTS));
        DaemonConfig fromEnvironment = ConfigLoader.parse(toml, FILE, Map.of("ALBATROSS_TLS_HANDSHAKE_TIMEOUT", "500ms",
                "ALBATROSS_TLS_MAX_FRAME_SIZE", "64KiB"), Map.of("tls.max-connections-per-address", "4"));
        assertThat(fromEnvironment.tls()).hasValueSatisfying(tls -> assertThat(tls.limits()).isEqualTo(
                new DaemonConfig.TlsLimits(Duration.ofMillis(500), Duration.ofMinutes(10), 256, 4, 64, 64 << 10)));
    }

    @Test
    void theSocketFollowsTmpdirUnlessSetItself() throws ConfigError {
        assertThat(parse("tmpdir = \"/tmp/alba\"").socket().path()).isEqualTo(Path.of("/tmp/alba/util/vmmd.sock"));
        assertThat(parse("tmpdir = \"/tmp/alba\"\n[socket]\npath = \"/tmp/s.sock\"").socket().path())
                .isEqualTo(Path.of("/tmp/s.sock"));
    }

    @Test
    void tomlOctalIntegersAreFileModesToo() throws ConfigError {
        assertThat(parse("[socket]\nmode = 0o640").socket().mode()).isEqualTo(0640);
    }

    @Test
    void theEnvironmentOverridesTheFileAndTheCommandLineOverridesBoth() throws ConfigError {
        String toml = "dbdir = \"/from/file\"\n[console]\nring-lines = 100\nsubscribers = 2\n";
        Map<String, String> environment = Map.of("ALBATROSS_CONSOLE_RING_LINES", "200",
                "ALBATROSS_CONSOLE_SUBSCRIBERS", "3", "ALBATROSS_VECTORS", "/unrelated");
        DaemonConfig fromEnvironment = ConfigLoader.parse(toml, FILE, environment, Map.of());
        assertThat(fromEnvironment.console().ringLines()).isEqualTo(200);
        assertThat(fromEnvironment.console().subscribers()).isEqualTo(3);
        assertThat(fromEnvironment.dbdir()).isEqualTo(Path.of("/from/file"));

        DaemonConfig fromFlags = ConfigLoader.parse(toml, FILE, environment,
                Map.of("console.ring-lines", "300", "dbdir", "/from/flag"));
        assertThat(fromFlags.console().ringLines()).isEqualTo(300);
        assertThat(fromFlags.console().subscribers()).isEqualTo(3);
        assertThat(fromFlags.dbdir()).isEqualTo(Path.of("/from/flag"));
    }

    @Test
    void setFlagsAreAssignments() throws ConfigError {
        assertThat(ConfigLoader.parseAssignments(List.of("console.ring-lines=64", "dbdir=/a=b", "dbdir=/c")))
                .containsExactly(Map.entry("console.ring-lines", "64"), Map.entry("dbdir", "/c"));
        assertThatThrownBy(() -> ConfigLoader.parseAssignments(List.of("console.ring-lines", "=5")))
                .isInstanceOf(ConfigError.class)
                .extracting(error -> ((ConfigError) error).problems().size()).isEqualTo(2);
    }

    @Test
    void everyProblemIsReportedAtOnceWithoutAStackTrace() {
        ConfigError error = problemsOf("""
                shutdown = "pause"
                [console]
                ring-lines = -5
                subscribers = 0
                """);
        assertThat(error.problems()).extracting(ConfigProblem::toString).containsExactly(
                "albatrossd.toml: shutdown: \"pause\" is not allowed: must be one of stop, leave",
                "albatrossd.toml: console.ring-lines: -5 is not allowed: must be an integer between 16 and 1048576",
                "albatrossd.toml: console.subscribers: 0 is not allowed: must be an integer between 1 and 1000");
        assertThat(error.getMessage().lines()).hasSize(3);
        assertThat(error.getStackTrace()).isEmpty();
    }

    @Test
    void aProblemNamesTheEnvironmentVariableOrTheCommandLineItCameFrom() {
        ConfigError error = assertRejected(() -> ConfigLoader.parse("", FILE,
                Map.of("ALBATROSS_STATS_INTERVAL", "soon"), Map.of("log.level", "loud")));
        assertThat(error.problems()).extracting(ConfigProblem::toString).containsExactly(
                "environment variable ALBATROSS_STATS_INTERVAL: stats.interval: \"soon\" is not allowed: must be a "
                        + "duration such as \"10s\", \"500ms\" or \"2m\" (units: ms, s, m, h) between 1s and 1h",
                "command line: log.level: \"loud\" is not allowed: must be one of error, warn, info, debug, trace");
    }

    @Test
    void anUnknownKeySuggestsTheKeyItProbablyMeant() {
        assertThat(messages("[console]\nring-line = 64\n"))
                .containsExactly("albatrossd.toml: console.ring-line: unknown key; did you mean console.ring-lines?");
        assertThat(messages("ring-lines = 64\n"))
                .containsExactly("albatrossd.toml: ring-lines: unknown key; did you mean console.ring-lines?");
        assertThat(messages("[consol]\nsubscribers = 2\n")).containsExactly(
                "albatrossd.toml: consol.subscribers: unknown key; did you mean console.subscribers?");
        assertThat(messages("colour = \"blue\"\n")).containsExactly(
                "albatrossd.toml: colour: unknown key; the keys are listed in docs/configuration.md");
        assertThat(messages("console = 5\n")).containsExactly(
                "albatrossd.toml: console: is a table, not a value: set its keys, e.g. console.ring-lines");
    }

    @Test
    void anUnknownKeyOnTheCommandLineIsAnErrorButUnknownEnvironmentVariablesAreIgnored() throws ConfigError {
        ConfigError error = assertRejected(() -> ConfigLoader.parse("", FILE, Map.of(), Map.of("db-dir", "/x")));
        assertThat(error.problems()).extracting(ConfigProblem::toString)
                .containsExactly("command line: db-dir: unknown key; did you mean dbdir?");
        assertThat(ConfigLoader.parse("", FILE, Map.of("ALBATROSS_DB_DIR", "/x"), Map.of()).dbdir())
                .isEqualTo(Path.of("/var/lib/albatross"));
    }

    @Test
    void aSyntaxErrorNamesFileLineAndColumn() {
        List<ConfigProblem> problems = problemsOf("dbdir = \"/var/lib/albatross\"\n[console\nring-lines = 5\n")
                .problems();
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).source()).isEqualTo("albatrossd.toml:2:9");
        assertThat(problems.get(0).toString()).startsWith("albatrossd.toml:2:9: TOML syntax error: ");
    }

    @Test
    void anExplicitFileMustExist(@TempDir Path directory) {
        Path missing = directory.resolve("missing.toml");
        ConfigError error = assertRejected(() -> ConfigLoader.load(Optional.of(missing), Map.of(), Map.of()));
        assertThat(error.getMessage()).isEqualTo(missing + ": cannot read the configuration file: it does not exist");
        ConfigError named = assertRejected(() -> ConfigLoader.load(Optional.empty(),
                Map.of(ConfigLoader.FILE_VARIABLE, missing.toString()), Map.of()));
        assertThat(named.getMessage()).startsWith(missing.toString());
    }

    @Test
    void theFileIsReadFromDisk(@TempDir Path directory) throws IOException, ConfigError {
        Path file = directory.resolve("albatrossd.toml");
        Files.writeString(file, "[console]\nring-lines = 64\nsubscriber-queue = 32\n");
        assertThat(ConfigLoader.load(Optional.of(file), Map.of(), Map.of()).console())
                .isEqualTo(new DaemonConfig.Console(64, 5, 32));
        assertThat(ConfigLoader.load(Optional.empty(), Map.of(ConfigLoader.FILE_VARIABLE, file.toString()),
                Map.of()).console().ringLines()).isEqualTo(64);
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedAsSuch(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("latin1.toml");
        Files.write(file, new byte[] {'#', ' ', (byte) 0xE9, '\n'});
        assertThat(assertRejected(() -> ConfigLoader.load(Optional.of(file), Map.of(), Map.of())).getMessage())
                .isEqualTo(file + ": cannot read the configuration file: it is not UTF-8 text");
    }

    @Test
    void withoutTheDefaultFileTheDefaultsApply() throws ConfigError {
        assumeThat(ConfigLoader.DEFAULT_FILE).as("this host has no %s", ConfigLoader.DEFAULT_FILE).doesNotExist();
        assertThat(ConfigLoader.load(Optional.empty(), Map.of(), Map.of())).isEqualTo(DaemonConfig.defaults());
    }

    static DaemonConfig parse(String toml) throws ConfigError {
        return ConfigLoader.parse(toml, FILE, Map.of(), Map.of());
    }

    static ConfigError problemsOf(String toml) {
        return assertRejected(() -> parse(toml));
    }

    static List<String> messages(String toml) {
        return problemsOf(toml).problems().stream().map(ConfigProblem::toString).toList();
    }

    interface Loading {
        DaemonConfig load() throws ConfigError;
    }

    static ConfigError assertRejected(Loading loading) {
        try {
            DaemonConfig config = loading.load();
            throw new AssertionError("expected a ConfigError, got " + config);
        } catch (ConfigError error) {
            return error;
        }
    }
}
