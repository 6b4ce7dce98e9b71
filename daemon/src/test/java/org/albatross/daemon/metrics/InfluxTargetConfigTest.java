package org.albatross.daemon.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.influx.InfluxApiVersion;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.albatross.config.DaemonConfig;
import org.junit.jupiter.api.Test;

/** The configured InfluxDB as Micrometer's registry sees it: 1.x by database, 2.x by org, bucket and token. */
class InfluxTargetConfigTest {
    private static final Duration STEP = Duration.ofSeconds(10);

    @Test
    void version2IsWrittenToTheOrganisationsBucketWithTheToken() {
        InfluxTargetConfig config = new InfluxTargetConfig(new DaemonConfig.InfluxV2(
                URI.create("https://influx:8086"), "robur", "unikernels", new DaemonConfig.Secret("s3cret")), STEP);

        assertThat(config.apiVersion()).isEqualTo(InfluxApiVersion.V2);
        assertThat(config.uri()).isEqualTo("https://influx:8086");
        assertThat(config.org()).isEqualTo("robur");
        assertThat(config.bucket()).isEqualTo("unikernels");
        assertThat(config.token()).isEqualTo("s3cret");
        assertThat(config.step()).isEqualTo(STEP);
        assertThat(config.validate().isValid()).as(config.validate().failures().toString()).isTrue();
    }

    @Test
    void version1IsWrittenToTheDatabaseWithBasicAuthentication() {
        InfluxTargetConfig config = new InfluxTargetConfig(new DaemonConfig.InfluxV1(
                URI.create("http://127.0.0.1:8086"), "albatross", Optional.of("writer"),
                Optional.of(new DaemonConfig.Secret("pw"))), STEP);

        assertThat(config.apiVersion()).isEqualTo(InfluxApiVersion.V1);
        assertThat(config.db()).isEqualTo("albatross");
        assertThat(config.userName()).isEqualTo("writer");
        assertThat(config.password()).isEqualTo("pw");
        assertThat(config.token()).isNull();
        assertThat(config.validate().isValid()).as(config.validate().failures().toString()).isTrue();
    }

    @Test
    void version1WithoutAUserSendsNoCredentials() {
        InfluxTargetConfig config = new InfluxTargetConfig(new DaemonConfig.InfluxV1(
                URI.create("http://127.0.0.1:8086"), "albatross", Optional.empty(), Optional.empty()), STEP);

        assertThat(config.userName()).isNull();
        assertThat(config.password()).isNull();
    }
}
