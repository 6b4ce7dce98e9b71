package org.albatross.it;

import static org.albatross.it.RemoteHost.succeeds;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.albatross.client.BuilderWebRepository;
import org.albatross.vmm.TestKernel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A tenant updates its unikernel over mutual TLS (the new image streamed after the handshake, as our update's
 * config carries none): the daemon keeps the previous image for the tenant's rollback, and refuses, in one line and
 * changing nothing, a health probe of the daemon's own loopback.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemoteUpdateIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OLD_UUID = "2c0a4b8e-0000-4000-8000-00000000000a";
    private static final String NEW_UUID = "2c0a4b8e-0000-4000-8000-00000000000b";
    private static final byte[] RUNNING = TestKernel.bytes();
    private static final byte[] LATEST = stamped(RUNNING);

    private static RemoteHost host;
    private static BuilderWebRepository repository;

    @RegisterExtension
    static final DaemonLogOnFailure PRINT_DAEMON_LOG_ON_FAILURE = RemoteHost.logOnFailure(() -> host);

    @BeforeAll
    static void provisionAndStart() throws Exception {
        Path root = Files.createTempDirectory("albatross-remote-update-it");
        RemoteHost.provisionRoot(root);
        RemoteHost.delegate(root.resolve("pki"), "a", "--unikernels", "1", "--mem", "64", "--cpus", "0");
        host = RemoteHost.serve(root, "");
        Path image = Files.write(root.resolve("web.img"), TestKernel.bytes());
        succeeds(ClientCli.inProcess(host.remote("a", "create", image.toString(), "--name", "web", "--arg",
                "forever")));
        repository = BuilderWebRepository.start().build("web", OLD_UUID, RUNNING).build("web", NEW_UUID, LATEST);
    }

    @AfterAll
    static void stop() throws IOException {
        if (repository != null) {
            repository.close();
        }
        if (host != null) {
            host.close();
        }
    }

    @Test
    @Order(1)
    void aTenantsProbeOfTheDaemonsLoopbackIsRefusedInOneLineAndChangesNothing() throws Exception {
        ClientCli.Run run = ClientCli.inProcess(update("--health", "tcp:127.0.0.1:22"));

        assertThat(run.exit()).isEqualTo(117);
        assertThat(run.err().strip()).hasLineCount(1).endsWith("update: 127.0.0.1 is a loopback address of the"
                + " daemon's host, which a tenant's health check may not probe");
        assertThat(digest()).isEqualTo(BuilderWebRepository.hex(RUNNING));
    }

    @Test
    @Order(2)
    void aTenantUpdatesItsUnikernelAndRollsItBack() throws Exception {
        succeeds(ClientCli.inProcess(update()));
        assertThat(digest()).isEqualTo(BuilderWebRepository.hex(LATEST));

        succeeds(ClientCli.inProcess(host.remote("a", "rollback", "web")));

        assertThat(digest()).isEqualTo(BuilderWebRepository.hex(RUNNING));
    }

    private static String[] update(String... more) {
        List<String> args = new ArrayList<>(List.of("update", "web", "--repository", repository.uri().toString(),
                "--http-timeout", "30"));
        args.addAll(List.of(more));
        return host.remote("a", args.toArray(String[]::new));
    }

    /** The SHA-256 of the image a:web runs, as the operator's info over the local socket says. */
    private static String digest() throws IOException {
        ClientCli.Run info = succeeds(ClientCli.inProcess(host.local("info", "a:web", "--json")));
        return JSON.readTree(info.out()).get("unikernels").get(0).get("info").get("digest").asText();
    }

    private static byte[] stamped(byte[] kernel) {
        byte[] extra = "build 2".getBytes(StandardCharsets.US_ASCII);
        byte[] image = Arrays.copyOf(kernel, kernel.length + extra.length);
        System.arraycopy(extra, 0, image, kernel.length, extra.length);
        return image;
    }
}
