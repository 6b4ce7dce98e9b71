package org.albatross.it;

import static org.albatross.it.RemoteHost.succeeds;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.albatross.vmm.TestKernel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client's create, restart and get against a real albatrossd over mutual TLS, with QEMU booting the test
 * kernel, which prints its command line: both ways an image travels (inside the command certificate, and streamed
 * after the handshake), boot arguments, a block device, replaced arguments on restart, the image fetched back, and
 * console names as a tenant and the local socket see them. The tests build on each other, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientCreateIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A client JVM, a TLS handshake and QEMU's boot: about 45 s beside a CPU hog at load 20 (docs/reliability.md). */
    private static final Duration BOOT_WITHIN = Duration.ofMinutes(3);

    private static RemoteHost host;
    private static Path image;

    @RegisterExtension
    static final DaemonLogOnFailure PRINT_DAEMON_LOG_ON_FAILURE = RemoteHost.logOnFailure(() -> host);

    @BeforeAll
    static void provisionAndStart() throws Exception {
        Path root = Files.createTempDirectory("albatross-client-create-it");
        Path pki = RemoteHost.provisionRoot(root);
        RemoteHost.delegate(pki, "c", "--unikernels", "4", "--mem", "128", "--cpus", "0", "--block", "8");
        image = Files.write(root.resolve("web.img"), TestKernel.bytes());
        host = RemoteHost.serve(root, "");
    }

    @AfterAll
    static void stop() throws IOException {
        if (host != null) {
            host.close();
        }
    }

    @Test
    @Order(1)
    void anImageInsideTheCommandCertificateBootsWithItsArguments() throws Exception {
        ClientCli.Run created = ClientCli.process(host.root(), host.remote("c", "create", image.toString(),
                "--name", "inline", "--image-via", "certificate", "--arg", "tag=inline", "--arg", "forever"));

        assertThat(created.exit()).as(created.err()).isZero();
        awaitConsole("inline", "tag=inline forever");
    }

    @Test
    @Order(2)
    void anImageStreamedAfterTheHandshakeBootsToo() throws Exception {
        ClientCli.Run created = ClientCli.process(host.root(), host.remote("c", "create", image.toString(),
                "--name", "streamed", "--image-via", "stream", "--arg", "tag=streamed", "--arg", "forever"));

        assertThat(created.exit()).as(created.err()).isZero();
        awaitConsole("streamed", "tag=streamed forever");
    }

    @Test
    @Order(3)
    void consoleLinesNameTheUnikernelRelativeToTheTenantAndFullyOnTheLocalSocket() throws Exception {
        try (ClientCli.Started remote = ClientCli.start(host.root(), host.remote("c", "console", "inline",
                "--json"));
                ClientCli.Started local = ClientCli.start(host.root(), host.local("console", "c:inline",
                        "--json"))) {
            remote.awaitOutput("tag=inline", BOOT_WITHIN);
            local.awaitOutput("tag=inline", BOOT_WITHIN);

            assertThat(JSON.readTree(remote.out().lines().findFirst().orElseThrow()).get("name").asText())
                    .isEqualTo(":inline");
            assertThat(JSON.readTree(local.out().lines().findFirst().orElseThrow()).get("name").asText())
                    .isEqualTo("c:inline");
        }
    }

    @Test
    @Order(4)
    void restartWithReplacedArgumentsBootsWithTheNewOnes() throws Exception {
        succeeds(ClientCli.inProcess(host.remote("c", "restart", "inline", "--replace-arguments",
                "--arg", "tag=restarted", "--arg", "forever")));

        awaitConsole("inline", "tag=restarted forever");
        JsonNode info = unikernel("inline");
        assertThat(info.get("arguments")).extracting(JsonNode::asText).containsExactly("tag=restarted", "forever");
    }

    @Test
    @Order(5)
    void aBlockDeviceNamedOnCreateIsAttached() throws Exception {
        succeeds(ClientCli.inProcess(host.remote("c", "create-block", "disk", "1")));

        succeeds(ClientCli.inProcess(host.remote("c", "create", image.toString(), "--name", "withdisk",
                "--block", "disk", "--arg", "forever")));

        JsonNode info = unikernel("withdisk");
        assertThat(info.get("block_devices")).extracting(device -> device.get("device").asText())
                .containsExactly("disk");
    }

    @Test
    @Order(6)
    void getWritesTheImageBackAndWillNotOverwriteWithoutForce() throws Exception {
        Path fetched = host.root().resolve("fetched.img");

        ClientCli.Run first = ClientCli.inProcess(host.remote("c", "get", "streamed", "-o", fetched.toString()));
        ClientCli.Run again = ClientCli.inProcess(host.remote("c", "get", "streamed", "-o", fetched.toString()));
        ClientCli.Run forced = ClientCli.inProcess(host.remote("c", "get", "streamed", "-o", fetched.toString(),
                "--force"));

        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(Files.readAllBytes(fetched)).isEqualTo(TestKernel.bytes());
        assertThat(again.exit()).isEqualTo(124);
        assertThat(again.err()).hasLineCount(1).contains("exists", "--force");
        assertThat(forced.exit()).as(forced.err()).isZero();
    }

    /** Follows the unikernel's console as the tenant until the test kernel has printed {@code text}. */
    private static void awaitConsole(String name, String text) throws IOException {
        try (ClientCli.Started console = ClientCli.start(host.root(), host.remote("c", "console", name))) {
            console.awaitOutput(text, BOOT_WITHIN);
        }
    }

    /** The {@code info} of the tenant's unikernel {@code name}, from {@code info --json}. */
    private static JsonNode unikernel(String name) throws IOException {
        JsonNode reply = JSON.readTree(succeeds(ClientCli.inProcess(host.remote("c", "info", "--json"))).out());
        for (JsonNode unikernel : reply.get("unikernels")) {
            if (unikernel.get("name").asText().equals("c:" + name)) {
                return unikernel.get("info");
            }
        }
        throw new AssertionError("info does not list c:" + name + ": " + reply);
    }
}
