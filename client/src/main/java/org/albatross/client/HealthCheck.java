package org.albatross.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.albatross.protocol.UnikernelInfo;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How {@code update --health} decides that a new image works, as {@code --health} spells it: {@code exit} (the
 * unikernel still runs at the end of the watch, not restarted since it started), {@code tcp:HOST:PORT} (a TCP
 * connection is accepted) or an {@code http://}/{@code https://} URL (a GET is answered with a status below 400).
 */
sealed interface HealthCheck {
    /** How long one probe may take before it counts as failed. */
    Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    /** {@code exit}: judged by the daemon's info at the start and at the end of the watch. */
    record StillRunning() implements HealthCheck {
        /** Why the unikernel as it was at the start ({@code first}) and at the end ({@code last}) failed, if it did. */
        static Optional<String> verdict(UnikernelInfo first, UnikernelInfo last) {
            if (!last.running()) {
                return Optional.of("it is not running");
            }
            if (!first.running() || !last.started().equals(first.started())) {
                return Optional.of("it was started again at " + last.started());
            }
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "exit";
        }
    }

    /** A probe from this host: succeeds once, or says why it failed. */
    sealed interface Probe extends HealthCheck {
        Optional<String> failure();
    }

    record TcpConnect(String host, int port) implements Probe {
        @Override
        public Optional<String> failure() {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), (int) PROBE_TIMEOUT.toMillis());
                return Optional.empty();
            } catch (IOException e) {
                return Optional.of(String.valueOf(e.getMessage()));
            }
        }

        @Override
        public String toString() {
            return "tcp:" + host + ":" + port;
        }
    }

    record HttpGet(URI uri) implements Probe {
        @Override
        public Optional<String> failure() {
            HttpClient http = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();
            try {
                int status = http.send(HttpRequest.newBuilder(uri).timeout(PROBE_TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                return status < 400 ? Optional.empty() : Optional.of("status " + status);
            } catch (IOException e) {
                return Optional.of(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("interrupted");
            }
        }

        @Override
        public String toString() {
            return uri.toString();
        }
    }

    static HealthCheck parse(String spec) {
        if (spec.equals("exit")) {
            return new StillRunning();
        }
        if (spec.startsWith("http://") || spec.startsWith("https://")) {
            try {
                URI uri = URI.create(spec);
                if (uri.getHost() != null) {
                    return new HttpGet(uri);
                }
            } catch (IllegalArgumentException e) {
                // reported below, as any other spelling we cannot use
            }
        } else if (spec.startsWith("tcp:")) {
            int colon = spec.lastIndexOf(':');
            String host = spec.substring("tcp:".length(), Math.max(colon, "tcp:".length()));
            try {
                int port = Integer.parseInt(spec.substring(colon + 1));
                if (!host.isEmpty() && port > 0 && port < 65536) {
                    return new TcpConnect(host, port);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new TypeConversionException("\"" + spec + "\" is no health check: exit, tcp:HOST:PORT or an http://"
                + " or https:// URL");
    }

    /** picocli's converter for {@code --health}. */
    final class Converter implements ITypeConverter<HealthCheck> {
        @Override
        public HealthCheck convert(String value) {
            return parse(value);
        }
    }
}
