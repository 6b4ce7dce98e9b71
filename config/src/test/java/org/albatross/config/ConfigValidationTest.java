package org.albatross.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every validation rule, with the exact message an operator reads. */
class ConfigValidationTest {
    /** An enabled TLS endpoint, for rules about its limits. */
    private static final String TLS = "[tls]\nlisten = \"127.0.0.1:1025\"\nca-cert = \"/a\"\nserver-cert = \"/b\"\nserver-key = \"/c\"\n";
    private static final String DURATION = "a duration such as \"10s\", \"500ms\" or \"2m\" (units: ms, s, m, h)";

    static Stream<Arguments> singleValues() {
        return Stream.of(
                rule("[console]\nring-lines = 8", "console.ring-lines: 8 is not allowed: must be an integer between 16 and 1048576"),
                rule("[console]\nring-lines = \"1024\"", "console.ring-lines: \"1024\" is not allowed: must be an integer between 16 and 1048576"),
                rule("[console]\nring-lines = 99999999999999999999", "console.ring-lines: 99999999999999999999 is not allowed: must be an integer between 16 and 1048576"),
                rule("[metrics]\nenabled = \"yes\"", "metrics.enabled: \"yes\" is not allowed: must be true or false"),
                rule("[adapters.qemu]\naccelerator = \"hvf\"", "adapters.qemu.accelerator: \"hvf\" is not allowed: must be one of auto, kvm, tcg"),
                rule("[log]\nlevel = \"INFO\"", "log.level: \"INFO\" is not allowed: must be one of error, warn, info, debug, trace"),
                rule("dbdir = \"var/lib/albatross\"", "dbdir: \"var/lib/albatross\" is not allowed: must be an absolute path"),
                rule("tmpdir = 17", "tmpdir: 17 is not allowed: must be an absolute path"),
                rule("[adapters.qemu]\nbinary = \"bin/qemu\"", "adapters.qemu.binary: \"bin/qemu\" is not allowed: must be a program name to look up on PATH, or an absolute path"),
                rule("[stats]\ninterval = \"10 sec\"", "stats.interval: \"10 sec\" is not allowed: must be " + DURATION + " between 1s and 1h"),
                rule("[stats]\ninterval = \"2h\"", "stats.interval: \"2h\" is not allowed: must be " + DURATION + " between 1s and 1h"),
                rule("[stats]\ninterval = 10", "stats.interval: 10 is not allowed: must be " + DURATION + " between 1s and 1h"),
                rule("[log]\nmax-file-size = \"16MB\"", "log.max-file-size: \"16MB\" is not allowed: must be a size such as \"16MiB\" (units: B, KiB, MiB, GiB) between 1MiB and 1GiB"),
                rule("[socket]\nmode = \"0999\"", "socket.mode: \"0999\" is not allowed: must be an octal file mode such as \"0660\""),
                rule("[socket]\nmode = 0o1777", "socket.mode: 1023 is not allowed: must be an octal file mode such as \"0660\""),
                rule("[socket]\ngroup = \"\"", "socket.group: \"\" is not allowed: must be a non-empty string"),
                rule("[tls]\nlisten = \"localhost\"\nca-cert = \"/a\"\nserver-cert = \"/b\"\nserver-key = \"/c\"", "tls.listen: \"localhost\" is not allowed: must be an address and port such as \"127.0.0.1:1025\", \"[::]:1025\" or \"host.example:1025\""),
                rule("[tls]\nlisten = \"127.0.0.1:0\"\nca-cert = \"/a\"\nserver-cert = \"/b\"\nserver-key = \"/c\"", "tls.listen: \"127.0.0.1:0\" is not allowed: must be an address and port such as \"127.0.0.1:1025\", \"[::]:1025\" or \"host.example:1025\""),
                rule(TLS + "handshake-timeout = \"50ms\"", "tls.handshake-timeout: \"50ms\" is not allowed: must be " + DURATION + " between 100ms and 5m"),
                rule(TLS + "idle-timeout = \"0s\"", "tls.idle-timeout: \"0s\" is not allowed: must be " + DURATION + " between 1s and 24h"),
                rule(TLS + "max-connections = 0", "tls.max-connections: 0 is not allowed: must be an integer between 1 and 65536"),
                rule(TLS + "max-connections-per-address = 100000", "tls.max-connections-per-address: 100000 is not allowed: must be an integer between 1 and 65536"),
                rule(TLS + "max-handshakes = 0", "tls.max-handshakes: 0 is not allowed: must be an integer between 1 and 65536"),
                rule(TLS + "max-frame-size = \"1KiB\"", "tls.max-frame-size: \"1KiB\" is not allowed: must be a size such as \"16MiB\" (units: B, KiB, MiB, GiB) between 64KiB and 16MiB"),
                rule("[metrics.influx-v1]\nuri = \"ftp://influx\"\ndb = \"a\"", "metrics.influx-v1.uri: \"ftp://influx\" is not allowed: must be an http or https URL such as \"http://127.0.0.1:8086\""),
                rule("[metrics.influx-v2]\nuri = \"http://i\"\norg = \"o\"\nbucket = \"b\"\ntoken = \" \"", "metrics.influx-v2.token: \" \" is not allowed: must be a non-empty string"));
    }

    static Stream<Arguments> rulesAcrossKeys() {
        return Stream.of(
                rule("[console]\nring-lines = 64\nsubscriber-queue = 128", "console.subscriber-queue: 128 is not allowed: must not exceed console.ring-lines (64)"),
                rule("[restart]\ninitial-backoff = \"10m\"", "restart.initial-backoff: 10m is not allowed: must not exceed restart.max-backoff (5m)"),
                rule("[tls]\ncrl = \"/etc/albatross/crl.pem\"", "tls.crl: is set but tls.listen is not: set tls.listen to enable the TLS endpoint, or remove tls.crl"),
                rule("[tls]\nidle-timeout = \"1m\"", "tls.idle-timeout: is set but tls.listen is not: set tls.listen to enable the TLS endpoint, or remove tls.idle-timeout"),
                rule(TLS + "max-connections = 64\nmax-connections-per-address = 100", "tls.max-connections-per-address: 100 is not allowed: must not exceed tls.max-connections (64)"),
                rule(TLS + "max-connections = 32\nmax-handshakes = 64", "tls.max-handshakes: 64 is not allowed: must not exceed tls.max-connections (32)"),
                rule("[tls]\nmax-handshakes = 8", "tls.max-handshakes: is set but tls.listen is not: set tls.listen to enable the TLS endpoint, or remove tls.max-handshakes"),
                rule("[metrics.influx-v1]\nuri = \"http://i:8086\"", "metrics.influx-v1.db: missing: required when metrics.influx-v1.uri is set"),
                rule("[metrics.influx-v1]\ndb = \"a\"\n[metrics.influx-v2]\ntoken = \"t\"", "metrics.influx-v2.token: metrics.influx-v1 and metrics.influx-v2 are both set: configure one InfluxDB"),
                rule("[metrics]\nenabled = true", "metrics.enabled: true needs an InfluxDB to write to: set metrics.influx-v1.uri and metrics.influx-v1.db (InfluxDB 1.x), or metrics.influx-v2.uri, .org, .bucket and .token (InfluxDB 2.x)"),
                rule("[adapters.solo5]\nhvt = false\nhvt-tender = \"/opt/solo5/solo5-hvt\"", "adapters.solo5.hvt-tender: is set but adapters.solo5.hvt is false: set adapters.solo5.hvt = true to run those images, or remove adapters.solo5.hvt-tender"),
                rule("[adapters.solo5]\nspt = false\nspt-tender = \"solo5-spt\"", "adapters.solo5.spt-tender: is set but adapters.solo5.spt is false: set adapters.solo5.spt = true to run those images, or remove adapters.solo5.spt-tender"),
                rule("[adapters.solo5]\nhvt = false\nspt = false\n[adapters.qemu]\nenabled = false", "adapters: every adapter is disabled: enable at least one of adapters.solo5.hvt, adapters.solo5.spt, adapters.qemu.enabled, adapters.bhyve.enabled, adapters.xen.enabled"));
    }

    @ParameterizedTest
    @MethodSource({"singleValues", "rulesAcrossKeys"})
    void aValueThatIsNotAllowedIsReportedWithWhatIs(String toml, String expected) {
        assertThat(ConfigLoaderTest.messages(toml)).containsExactly("albatrossd.toml: " + expected);
    }

    @Test
    void aTlsEndpointNeedsItsCertificatesAndKey() {
        assertThat(ConfigLoaderTest.messages("[tls]\nlisten = \"127.0.0.1:1025\"")).containsExactly(
                "albatrossd.toml: tls.ca-cert: missing: required when tls.listen is set",
                "albatrossd.toml: tls.server-cert: missing: required when tls.listen is set",
                "albatrossd.toml: tls.server-key: missing: required when tls.listen is set");
    }

    @Test
    void influxDb2NeedsOrgBucketAndToken() {
        assertThat(ConfigLoaderTest.messages("[metrics.influx-v2]\nuri = \"http://i:8086\"")).isEqualTo(List.of(
                "albatrossd.toml: metrics.influx-v2.org: missing: required when metrics.influx-v2.uri is set",
                "albatrossd.toml: metrics.influx-v2.bucket: missing: required when metrics.influx-v2.uri is set",
                "albatrossd.toml: metrics.influx-v2.token: missing: required when metrics.influx-v2.uri is set"));
    }

    private static Arguments rule(String toml, String expected) {
        return Arguments.of(toml, expected);
    }
}
