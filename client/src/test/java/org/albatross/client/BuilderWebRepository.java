package org.albatross.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * A builder-web repository on loopback, answering as robur's builder-web does (its lib/builder_web.ml and
 * lib/link.ml): {@code /hash?sha256=HEX} a 302 to {@code /job/JOB/build/UUID} or a 404 page,
 * {@code /job/JOB/build/latest} a 307 to the latest build, {@code /job/JOB/build/UUID/main-binary} a 302 to
 * {@code /job/JOB/build/UUID/f/bin/JOB.hvt}, which is served with its SHA-256 in base64 as ETag. Faults on demand:
 * a file served with other bytes than the index states, a body cut short, a repository that does not answer.
 */
public final class BuilderWebRepository implements AutoCloseable {
    /** How the main binary is served. */
    public enum Fault {
        NONE, WRONG_BYTES, TRUNCATED, SILENT
    }

    private final HttpServer server;
    private final Map<String, String> buildOfHash = new ConcurrentHashMap<>();
    private final Map<String, byte[]> binaries = new ConcurrentHashMap<>();
    private final Map<String, String> latest = new ConcurrentHashMap<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile Fault fault = Fault.NONE;

    private BuilderWebRepository(HttpServer server) {
        this.server = server;
    }

    public static BuilderWebRepository start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        BuilderWebRepository repository = new BuilderWebRepository(server);
        server.createContext("/", repository::answer);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        return repository;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A successful build of {@code job} whose main binary is {@code image}; the latest one when added last. */
    public BuilderWebRepository build(String job, String uuid, byte[] image) {
        buildOfHash.put(hex(image), "/job/" + job + "/build/" + uuid);
        binaries.put(job + "/" + uuid, image);
        latest.put(job, uuid);
        return this;
    }

    public void fault(Fault fault) {
        this.fault = fault;
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            String[] parts = path.split("/");
            if (path.equals("/hash") && query != null && query.startsWith("sha256=")) {
                redirect(exchange, 302, buildOfHash.get(query.substring("sha256=".length())));
            } else if (parts.length == 5 && parts[1].equals("job") && parts[4].equals("latest")) {
                String uuid = latest.get(parts[2]);
                redirect(exchange, 307, uuid == null ? null : "/job/" + parts[2] + "/build/" + uuid);
            } else if (parts.length == 6 && parts[1].equals("job") && parts[5].equals("main-binary")) {
                boolean known = binaries.containsKey(parts[2] + "/" + parts[4]);
                redirect(exchange, 302, known ? path.replace("main-binary", "f/bin/" + parts[2] + ".hvt") : null);
            } else if (parts.length == 8 && parts[1].equals("job") && parts[5].equals("f")) {
                serve(exchange, binaries.get(parts[2] + "/" + parts[4]));
            } else {
                notFound(exchange);
            }
        }
    }

    private void serve(HttpExchange exchange, byte[] image) throws IOException {
        if (image == null) {
            notFound(exchange);
            return;
        }
        if (fault == Fault.SILENT) {
            awaitRelease();
            return;
        }
        byte[] served = fault == Fault.WRONG_BYTES ? "not the image the repository states".getBytes(
                StandardCharsets.US_ASCII) : image;
        exchange.getResponseHeaders().add("ETag", Base64.getEncoder().encodeToString(sha256(image)));
        exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, served.length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(served, 0, fault == Fault.TRUNCATED ? served.length / 2 : served.length);
        } catch (IOException cut) {
            // a truncated body ends the exchange with an error on our side too
        }
    }

    private void awaitRelease() {
        try {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void redirect(HttpExchange exchange, int status, String location) throws IOException {
        if (location == null) {
            notFound(exchange);
            return;
        }
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(status, -1);
    }

    private static void notFound(HttpExchange exchange) throws IOException {
        byte[] page = "<html><body>Page not found</body></html>".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(404, page.length);
        exchange.getResponseBody().write(page);
    }

    public static String hex(byte[] image) {
        return HexFormat.of().formatHex(sha256(image));
    }

    private static byte[] sha256(byte[] image) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(image);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
