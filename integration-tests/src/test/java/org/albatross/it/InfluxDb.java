package org.albatross.it;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.albatross.vmm.testing.OrphanReaper;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * A real InfluxDB 1.6 on a free loopback port: in a Testcontainers container of the local image
 * {@code albatross-test/influxdb:1.6} (scripts/influxdb-image.sh builds it from Debian's influxd; nothing is
 * pulled), or, where no Docker engine answers, Debian's {@code influxd} as a plain process. {@link #start} skips the
 * test, saying why, when neither can run.
 */
final class InfluxDb implements AutoCloseable {
    static final DockerImageName IMAGE = DockerImageName.parse("albatross-test/influxdb:1.6");
    private static final Path INFLUXD = Path.of("/usr/bin/influxd");
    /** The configuration the image holds too: loopback only, ports and directories moved by the environment. */
    private static final Path CONFIG = Path.of(System.getProperty("user.dir")).getParent()
            .resolve("scripts/influxdb.conf");
    private static final Duration READY_WITHIN = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI uri;
    private final String runsAs;
    private final AutoCloseable server;
    private final HttpClient http = HttpClient.newHttpClient();

    private InfluxDb(URI uri, String runsAs, AutoCloseable server) {
        this.uri = uri;
        this.runsAs = runsAs;
        this.server = server;
    }

    /** Starts InfluxDB in a container if Docker runs and has the image, else as a process. */
    static InfluxDb start() throws IOException {
        int http = Loopback.freePort();
        int rpc = Loopback.freePort();
        if (dockerHasImage()) {
            GenericContainer<?> container = new GenericContainer<>(IMAGE)
                    .withNetworkMode("host")
                    .withEnv("INFLUXDB_HTTP_BIND_ADDRESS", "127.0.0.1:" + http)
                    .withEnv("INFLUXDB_BIND_ADDRESS", "127.0.0.1:" + rpc)
                    .waitingFor(Wait.forLogMessage(".*Listening on HTTP.*", 1).withStartupTimeout(READY_WITHIN));
            container.start();
            OrphanReaper.watchContainer(container.getContainerId());
            return ready(new InfluxDb(URI.create("http://127.0.0.1:" + http), "a Testcontainers container of "
                    + IMAGE, container::stop));
        }
        Assumptions.assumeTrue(Files.isExecutable(INFLUXD), "neither a Docker engine with the image " + IMAGE
                + " nor " + INFLUXD + " is here: run scripts/setup.sh");
        Path directory = OrphanReaper.watch(Files.createTempDirectory("albatross-influxdb"));
        // The pid file puts the directory in influxd's command line, where the orphan reaper looks for it.
        ProcessBuilder influxd = new ProcessBuilder(INFLUXD.toString(), "run", "-config", CONFIG.toString(),
                "-pidfile", directory.resolve("influxd.pid").toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("influxd.log").toFile());
        influxd.environment().putAll(Map.of("INFLUXDB_HTTP_BIND_ADDRESS", "127.0.0.1:" + http,
                "INFLUXDB_BIND_ADDRESS", "127.0.0.1:" + rpc, "INFLUXDB_META_DIR", directory.resolve("meta").toString(),
                "INFLUXDB_DATA_DIR", directory.resolve("data").toString(),
                "INFLUXDB_DATA_WAL_DIR", directory.resolve("wal").toString()));
        Process process = influxd.start();
        return ready(new InfluxDb(URI.create("http://127.0.0.1:" + http), "Debian's influxd as a process",
                () -> {
                    process.destroy();
                    process.waitFor();
                    try (Stream<Path> all = Files.walk(directory)) {
                        all.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                    }
                }));
    }

    private static boolean dockerHasImage() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return false;
        }
        return !DockerClientFactory.instance().client().listImagesCmd()
                .withImageNameFilter(IMAGE.asCanonicalNameString()).exec().isEmpty();
    }

    private static InfluxDb ready(InfluxDb influx) {
        await("InfluxDB answers /ping at " + influx.uri).atMost(READY_WITHIN).ignoreExceptions()
                .until(() -> influx.get("/ping").statusCode() == 204);
        return influx;
    }

    URI uri() {
        return uri;
    }

    /** How this InfluxDB runs, for the test's report. */
    String runsAs() {
        return runsAs;
    }

    /** Runs an InfluxQL statement (a query or e.g. CREATE DATABASE) and returns its first result. */
    JsonNode query(String database, String statement) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri.resolve("/query?db=" + encode(database) + "&q="
                + encode(statement))).POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("InfluxDB answered " + response.statusCode() + " to " + statement + ": "
                    + response.body());
        }
        return JSON.readTree(response.body()).path("results").path(0);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
