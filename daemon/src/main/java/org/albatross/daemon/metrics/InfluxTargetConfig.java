package org.albatross.daemon.metrics;

import io.micrometer.influx.InfluxApiVersion;
import io.micrometer.influx.InfluxConfig;
import java.time.Duration;
import org.albatross.config.DaemonConfig;

/**
 * Micrometer's view of the configured InfluxDB: version 1.x by database (with optional basic authentication), 2.x by
 * organisation, bucket and token. Typed overrides rather than a property map, so that a misspelt key cannot
 * silently fall back to Micrometer's default.
 */
record InfluxTargetConfig(DaemonConfig.InfluxTarget target, Duration step) implements InfluxConfig {
    @Override
    public String get(String key) {
        return null;
    }

    @Override
    public String uri() {
        return (target instanceof DaemonConfig.InfluxV1 v1 ? v1.uri() : ((DaemonConfig.InfluxV2) target).uri())
                .toString();
    }

    @Override
    public InfluxApiVersion apiVersion() {
        return target instanceof DaemonConfig.InfluxV2 ? InfluxApiVersion.V2 : InfluxApiVersion.V1;
    }

    @Override
    public String db() {
        return target instanceof DaemonConfig.InfluxV1 v1 ? v1.db() : InfluxConfig.super.db();
    }

    @Override
    public String userName() {
        return target instanceof DaemonConfig.InfluxV1 v1 ? v1.user().orElse(null) : null;
    }

    @Override
    public String password() {
        return target instanceof DaemonConfig.InfluxV1 v1 ? v1.password().map(DaemonConfig.Secret::value).orElse(null)
                : null;
    }

    @Override
    public String org() {
        return target instanceof DaemonConfig.InfluxV2 v2 ? v2.org() : InfluxConfig.super.org();
    }

    @Override
    public String bucket() {
        // Micrometer requires a bucket even for 1.x, where it takes the database.
        return target instanceof DaemonConfig.InfluxV2 v2 ? v2.bucket() : InfluxConfig.super.bucket();
    }

    @Override
    public String token() {
        return target instanceof DaemonConfig.InfluxV2 v2 ? v2.token().value() : InfluxConfig.super.token();
    }

    @Override
    public Duration step() {
        return step;
    }
}
