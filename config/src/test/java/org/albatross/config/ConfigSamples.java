package org.albatross.config;

/** Configuration files used by several tests. */
final class ConfigSamples {
    /** Every key set, none to its default but the Solo5 switches: a tender key needs its target enabled. */
    static final String EVERY_KEY = """
            dbdir = "/srv/albatross/db"
            tmpdir = "/srv/albatross/run"
            shutdown = "leave"

            [socket]
            path = "/srv/albatross/vmmd.sock"
            mode = "0600"
            group = "albatross"

            [tls]
            listen = "[::]:1025"
            ca-cert = "/etc/albatross/ca.pem"
            server-cert = "/etc/albatross/server.pem"
            server-key = "/etc/albatross/server.key"
            crl = "/etc/albatross/crl.pem"
            handshake-timeout = "3s"
            idle-timeout = "2m"
            max-connections = 1000
            max-connections-per-address = 50
            max-handshakes = 100
            max-frame-size = "1MiB"

            [adapters.solo5]
            hvt = true
            spt = true
            tender-dir = "/opt/solo5/bin"
            hvt-tender = "/opt/solo5/bin/solo5-hvt"
            spt-tender = "solo5-spt"

            [adapters.qemu]
            enabled = true
            binary = "/usr/bin/qemu-system-x86_64"
            accelerator = "tcg"

            [adapters.bhyve]
            enabled = true
            bhyve = "/usr/local/sbin/bhyve"
            bhyveload = "/usr/local/sbin/bhyveload"
            bhyvectl = "/usr/local/sbin/bhyvectl"

            [adapters.xen]
            enabled = true
            xl = "xl"

            [console]
            ring-lines = 4096
            subscribers = 8
            subscriber-queue = 2048

            [stats]
            interval = "2500ms"

            [restart]
            initial-backoff = "500ms"
            max-backoff = "2m"
            budget = 3
            budget-window = "30m"

            [metrics]
            enabled = true
            step = "30s"
            host = "host-1"
            albatross-measurements = false

            [metrics.influx-v1]
            uri = "http://127.0.0.1:8086"
            db = "albatross"
            user = "writer"
            password = "s3cret"

            [log]
            level = "debug"
            file = "/var/log/albatrossd.log"
            max-file-size = "64MiB"
            """;

    private ConfigSamples() {
    }
}
