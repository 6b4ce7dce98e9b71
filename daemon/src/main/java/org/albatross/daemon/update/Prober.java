package org.albatross.daemon.update;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.albatross.protocol.HealthCheck;
import org.albatross.protocol.Name;

/**
 * Makes one probe of a health check from the daemon's host, bounded in time: a TCP connection within
 * {@link #TIMEOUT}, or an HTTP GET whose connection and answer each come within it (no redirect followed, the body not
 * read, https verified against the JVM's trust store). The host is resolved and each address checked against
 * {@link ProbeReach} first.
 */
public final class Prober {
    /** How long one probe may take before it counts as failed. */
    public static final Duration TIMEOUT = Duration.ofSeconds(2);


    /** Probes {@code check} for {@code unikernel}; a {@link HealthCheck.StillRunning} makes no probe. */
    public HealthJudgement.Probe probe(Name unikernel, HealthCheck check) {
        try {
            if (check instanceof HealthCheck.TcpConnect tcp) {
                InetAddress address = reachable(unikernel, tcp.host());
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(address, tcp.port()), (int) TIMEOUT.toMillis());
                }
                return new HealthJudgement.Probe.Answered();
            }
            if (check instanceof HealthCheck.HttpGet get) {
                reachable(unikernel, get.url().getHost());
                int status = Http.CLIENT.send(HttpRequest.newBuilder(get.url()).timeout(TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                return status < 400 ? new HealthJudgement.Probe.Answered()
                        : new HealthJudgement.Probe.Failed("status " + status);
            }
            return new HealthJudgement.Probe.NotYet();
        } catch (Unreachable e) {
            return new HealthJudgement.Probe.Failed(e.getMessage());
        } catch (IOException e) {
            return new HealthJudgement.Probe.Failed(e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new HealthJudgement.Probe.Failed("interrupted");
        }
    }

    /** Why {@code check}'s host may not be probed for {@code unikernel}, if it may not (resolving it). */
    public Optional<String> unreachable(Name unikernel, HealthCheck check) {
        String host = check instanceof HealthCheck.TcpConnect tcp ? tcp.host()
                : check instanceof HealthCheck.HttpGet get ? get.url().getHost() : null;
        if (host == null) {
            return Optional.empty();
        }
        try {
            reachable(unikernel, host);
            return Optional.empty();
        } catch (Unreachable e) {
            return Optional.of(e.getMessage());
        } catch (UnknownHostException e) {
            return Optional.of("the health check's host " + host + " is unknown");
        }
    }

    /** The first address of {@code host}, once every address it resolves to is one the probe may reach. */
    private static InetAddress reachable(Name unikernel, String host) throws Unreachable, UnknownHostException {
        InetAddress[] addresses = InetAddress.getAllByName(host);
        for (InetAddress address : addresses) {
            Optional<String> refusal = ProbeReach.refusal(unikernel, address);
            if (refusal.isPresent()) {
                throw new Unreachable(refusal.get());
            }
        }
        return addresses[0];
    }

    /**
     * The HTTP client, made on the first HTTP probe rather than with the daemon: making it sets up the JDK's TLS
     * stack, some 800 classes and 7 MiB that a daemon whose updates are not watched over HTTP never needs.
     */
    private static final class Http {
        static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A probe's address is one it may not reach. */
    private static final class Unreachable extends Exception {
        Unreachable(String message) {
            super(message, null, false, false);
        }
    }
}
