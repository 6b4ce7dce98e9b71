package org.albatross.protocol;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * How a daemon judges an updated unikernel while it watches it (our extension, docs/protocol.md "Updates"), spelled
 * as {@code albatross-client update --health} spells it: {@code exit} (it still runs, not restarted, at the end of
 * the watch), {@code tcp:HOST:PORT} (a TCP connection to it is accepted) or an {@code http://} or {@code https://}
 * URL (a GET is answered with a status below 400).
 */
public sealed interface HealthCheck {
    /** {@code exit}: the unikernel runs until the end of the watch. */
    record StillRunning() implements HealthCheck {
        @Override
        public String toString() {
            return "exit";
        }
    }

    /** {@code tcp:HOST:PORT}: a connection to it is accepted. */
    record TcpConnect(String host, int port) implements HealthCheck {
        public TcpConnect {
            Objects.requireNonNull(host, "host");
            if (host.isEmpty() || host.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("a tcp health check needs a host, not \"" + host + "\"");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("a tcp health check's port is 1-65535, not " + port);
            }
        }

        @Override
        public String toString() {
            return "tcp:" + host + ":" + port;
        }
    }

    /** An {@code http://} or {@code https://} URL: a GET of it is answered with a status below 400. */
    record HttpGet(URI url) implements HealthCheck {
        public HttpGet {
            Objects.requireNonNull(url, "url");
            if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
                throw new IllegalArgumentException("an http health check is an http:// or https:// URL with a host,"
                        + " not \"" + url + "\"");
            }
        }

        @Override
        public String toString() {
            return url.toString();
        }
    }

    /**
     * The check {@code spec} spells, as {@link #toString()} writes it.
     *
     * @throws IllegalArgumentException naming the three spellings
     */
    static HealthCheck parse(String spec) {
        try {
            if (spec.equals("exit")) {
                return new StillRunning();
            }
            if (spec.startsWith("http://") || spec.startsWith("https://")) {
                return new HttpGet(new URI(spec));
            }
            if (spec.startsWith("tcp:")) {
                int colon = spec.lastIndexOf(':');
                return new TcpConnect(spec.substring("tcp:".length(), Math.max(colon, "tcp:".length())),
                        Integer.parseInt(spec.substring(colon + 1)));
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            // NumberFormatException too: reported below, as any other spelling we cannot use
        }
        throw new IllegalArgumentException("\"" + spec + "\" is no health check: exit, tcp:HOST:PORT or an http://"
                + " or https:// URL");
    }
}
