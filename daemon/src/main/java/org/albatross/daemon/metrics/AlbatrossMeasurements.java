package org.albatross.daemon.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.albatross.config.DaemonConfig;
import org.albatross.daemon.stats.Sample;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each statistics round to InfluxDB in albatross's measurements as well
 * ({@code metrics.albatross-measurements}), on the collector's thread; a failed write is logged and the next round
 * tries again.
 */
public final class AlbatrossMeasurements implements Consumer<List<Sample>> {
    private static final Logger LOG = LoggerFactory.getLogger(AlbatrossMeasurements.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final URI write;
    private final String authorization;
    private final Clock clock;

    public AlbatrossMeasurements(DaemonConfig.InfluxTarget target, Clock clock) {
        this.clock = clock;
        if (target instanceof DaemonConfig.InfluxV2 v2) {
            write = v2.uri().resolve("/api/v2/write?org=" + encode(v2.org()) + "&bucket=" + encode(v2.bucket()));
            authorization = "Token " + v2.token().value();
        } else {
            DaemonConfig.InfluxV1 v1 = (DaemonConfig.InfluxV1) target;
            write = v1.uri().resolve("/write?db=" + encode(v1.db()));
            authorization = v1.user().map(user -> "Basic " + Base64.getEncoder().encodeToString((user + ":"
                    + v1.password().map(DaemonConfig.Secret::value).orElse("")).getBytes(StandardCharsets.UTF_8)))
                    .orElse(null);
        }
    }

    @Override
    public void accept(List<Sample> round) {
        if (round.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        String body = String.join("\n", round.stream().flatMap(sample -> AlbatrossLineProtocol.lines(sample, now)
                .stream()).toList());
        HttpRequest.Builder request = HttpRequest.newBuilder(write).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                LOG.warn("InfluxDB at {} refused albatross's measurements ({}): {}", write.getHost(),
                        response.statusCode(), response.body());
            }
        } catch (IOException e) {
            LOG.warn("could not write albatross's measurements to {}: {}", write.getHost(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
