package org.albatross.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.albatross.client.transport.LocalTransport;
import org.albatross.client.transport.Answer;
import org.albatross.client.transport.Session;
import org.albatross.config.DaemonConfig;
import org.albatross.daemon.metrics.MetricsRegistry;
import org.albatross.daemon.metrics.UnikernelMeters;
import org.albatross.daemon.stats.Sample;
import org.albatross.daemon.supervisor.ConsoleTally;
import org.albatross.daemon.supervisor.RunningUnikernel;
import org.albatross.protocol.Data;
import org.albatross.protocol.Name;
import org.albatross.protocol.Statistics;
import org.albatross.protocol.StatsCommand;
import org.albatross.protocol.Success;
import org.albatross.protocol.UnikernelCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 7: the daemon runs the test kernel and pushes its metrics to a real InfluxDB 1.6 (Testcontainers, or
 * influxd as a process where Docker cannot run); the measurements come back with their tags and plausible values,
 * {@code stats subscribe} streams the samples, and every Grafana dashboard names only what the daemon wrote.
 */
class MetricsIT {
    private static final String DATABASE = "albatross";
    private static final String HOST = "metrics-it";
    private static final String VM = "metered";
    /** How the daemon tags it: its full name, with the root path before the colon. */
    private static final String VM_TAG = ":" + VM;
    private static final Duration WRITTEN_WITHIN = Duration.ofSeconds(60);
    private static final Path DASHBOARDS = Path.of(System.getProperty("user.dir")).getParent().resolve("docs/grafana");

    private static InfluxDb influx;
    private static Path root;
    private static DaemonFiles files;
    private static DaemonProcess daemon;

    @BeforeAll
    static void startInfluxAndTheDaemon() throws IOException {
        influx = InfluxDb.start();
        System.out.println("MetricsIT: InfluxDB at " + influx.uri() + " runs as " + influx.runsAs());
        root = Files.createTempDirectory("albatross-metrics-it");
        files = DaemonFiles.createUnder(root);
        daemon = DaemonProcess.start(files, "--set", "stats.interval=1s", "--set", "metrics.enabled=true",
                "--set", "metrics.step=1s", "--set", "metrics.host=" + HOST,
                "--set", "metrics.influx-v1.uri=" + influx.uri(), "--set", "metrics.influx-v1.db=" + DATABASE);
        request(new UnikernelCommand.Create(TestUnikernel.withArguments("heartbeat=1000").config()));
        // A refusal, so that the daemon writes albatross_refusals too.
        assertThat(request(new UnikernelCommand.Destroy(), "absent")).isInstanceOf(Answer.Failed.class);
        writeAUnikernelWithATap();
    }

    /**
     * The test kernel runs without a network here (creating a bridge would change the host), so the daemon's own
     * metrics code, in this JVM, writes one sample of a unikernel with a tap to the same database: the network
     * measurements' names, fields and tags are then the ones the daemon writes, from the same code.
     */
    private static void writeAUnikernelWithATap() {
        RunningUnikernel tapped = new RunningUnikernel(Name.parse("tenant:tapped"), 1, "QemuAdapter",
                List.of(new StatsCommand.Tap("service", "vmtap0")), Instant.now(), ConsoleTally.NONE);
        Statistics.Timeval zero = new Statistics.Timeval(0, 0);
        Statistics statistics = new Statistics(new Statistics.ResourceUsage(zero, zero, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0), List.of(new Statistics.InterfaceData("service", 0, 0, 0, 0, 1500, 0, 1, 0, 1, 0, 0, 64,
                64, 0, 0, 0, 0)), Optional.empty(), Optional.empty());
        try (MetricsRegistry metrics = MetricsRegistry.of(new DaemonConfig.Metrics(true, Duration.ofSeconds(1),
                Optional.of(HOST), false, Optional.of(new DaemonConfig.InfluxV1(influx.uri(), DATABASE,
                Optional.empty(), Optional.empty()))))) {
            new UnikernelMeters(metrics.registry(), Clock.systemUTC()).accept(List.of(new Sample(tapped, statistics,
                    4096)));
        }
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        if (influx != null) {
            influx.close();
        }
        if (root != null) {
            try (Stream<Path> all = Files.walk(root)) {
                all.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static Answer request(UnikernelCommand command) {
        return request(command, VM);
    }

    private static Answer request(UnikernelCommand command, String name) {
        try (Session session = LocalTransport.connect(files.socket())) {
            return session.request(command, Name.parse(name));
        }
    }

    @Test
    void theUnikernelsCpuTimeGrowsAndItsMemoryIsAboveZeroInInfluxDb() {
        await("the user CPU time of " + VM + " grows in InfluxDB").atMost(WRITTEN_WITHIN)
                .pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
                    JsonNode rows = series(influx.query(DATABASE, "SELECT \"value\" FROM \"albatross_unikernel_cpu\""
                            + " WHERE \"vm\" = '" + VM_TAG + "' AND \"mode\" = 'user'"));
                    return rows.path(rows.size() - 1).path(1).asDouble() > rows.path(0).path(1).asDouble();
                });
        await("the resident memory of " + VM + " in InfluxDB").atMost(WRITTEN_WITHIN).ignoreExceptions()
                .until(() -> series(influx.query(DATABASE, "SELECT last(\"value\") FROM "
                        + "\"albatross_unikernel_memory_resident\" WHERE \"vm\" = '" + VM_TAG + "'"))
                        .path(0).path(1).asDouble() > 0);
    }

    @Test
    void theUnikernelsMeasurementsCarryTheVmTenantHostAndAdapterTags() {
        await(VM + "'s tags in InfluxDB").atMost(WRITTEN_WITHIN).ignoreExceptions().untilAsserted(() -> {
            JsonNode tags = influx.query(DATABASE, "SHOW TAG VALUES FROM \"albatross_unikernel_cpu\" WITH KEY IN "
                    + "(\"vm\", \"tenant\", \"host\", \"adapter\") WHERE \"vm\" = '" + VM_TAG + "'");
            Map<String, Set<String>> values = new HashMap<>();
            for (JsonNode row : series(tags)) {
                values.computeIfAbsent(row.path(0).asText(), ignored -> new HashSet<>()).add(row.path(1).asText());
            }
            assertThat(values).containsEntry("vm", Set.of(VM_TAG)).containsEntry("tenant", Set.of("/"))
                    .containsEntry("host", Set.of(HOST)).containsEntry("adapter", Set.of("qemu"));
        });
    }

    @Test
    void albatrossOwnMeasurementsAreWrittenTooForItsDashboards() throws Exception {
        awaitMeasurement("resource_usage");
        awaitMeasurement("kinfo_mem");
        JsonNode utime = influx.query(DATABASE, "SELECT last(\"utime\") FROM \"resource_usage\" WHERE \"vm\" = '"
                + VM_TAG + "'");
        JsonNode rss = influx.query(DATABASE, "SELECT last(\"rss\") FROM \"kinfo_mem\" WHERE \"vm\" = '"
                + VM_TAG + "'");

        assertThat(series(utime).path(0).path(1).asDouble()).isPositive();
        assertThat(series(rss).path(0).path(1).asLong()).isPositive();
    }

    @Test
    void aStatsSubscriptionStreamsTheUnikernelsSamples() {
        try (Session session = LocalTransport.connect(files.socket());
                org.albatross.client.transport.Stream stream = session.open(new StatsCommand.Subscribe(),
                        Name.parse(VM))) {
            assertThat(stream.reply()).isEqualTo(new Answer.Succeeded(new Success.Message("subscribed")));
            List<Data> samples = Streams.readUntil(stream, "a statistics sample",
                    Data.StatisticsSample.class::isInstance);
            Data.StatisticsSample sample = (Data.StatisticsSample) samples.get(samples.size() - 1);
            assertThat(sample.statistics().kinfoMem()).hasValueSatisfying(mem -> assertThat(mem.rss()).isPositive());
        }
    }

    @Test
    void everyDashboardPanelNamesAMeasurementFieldAndTagsTheDaemonWrites() throws Exception {
        awaitMeasurement("albatross_unikernel_cpu");
        awaitMeasurement("albatross_commands");
        awaitMeasurement("albatross_refusals");
        awaitMeasurement("albatross_unikernel_network_bytes");
        Map<String, Set<String>> fields = keysByMeasurement("SHOW FIELD KEYS");
        Map<String, Set<String>> tags = keysByMeasurement("SHOW TAG KEYS");
        List<Path> dashboards;
        try (Stream<Path> listed = Files.list(DASHBOARDS)) {
            dashboards = listed.filter(path -> path.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(dashboards).hasSizeGreaterThanOrEqualTo(3);
        List<DashboardQuery> queries = new ArrayList<>();
        for (Path dashboard : dashboards) {
            queries.addAll(DashboardQuery.allIn(dashboard));
        }
        assertThat(queries).isNotEmpty().allSatisfy(query -> {
            assertThat(fields).as("measurements written, for %s", query).containsKey(query.measurement());
            assertThat(fields.get(query.measurement())).as("fields of %s", query).contains(query.field());
            assertThat(tags.getOrDefault(query.measurement(), Set.of())).as("tags of %s", query)
                    .containsAll(query.tags());
        });
    }

    private static void awaitMeasurement(String measurement) {
        await(measurement + " in InfluxDB").atMost(WRITTEN_WITHIN).ignoreExceptions()
                .until(() -> series(influx.query(DATABASE, "SHOW MEASUREMENTS")).toString()
                        .contains("\"" + measurement + "\""));
    }

    private static Map<String, Set<String>> keysByMeasurement(String statement) throws Exception {
        Map<String, Set<String>> keys = new HashMap<>();
        for (JsonNode series : influx.query(DATABASE, statement).path("series")) {
            Set<String> names = keys.computeIfAbsent(series.path("name").asText(), ignored -> new HashSet<>());
            series.path("values").forEach(row -> names.add(row.path(0).asText()));
        }
        return keys;
    }

    /** The rows of a result's first series. */
    private static JsonNode series(JsonNode result) {
        return result.path("series").path(0).path("values");
    }
}
